// Small inline-SVG charts: no chart library, nothing to download.
import { s } from './dom.js';

const WIDTH = 132;
const HEIGHT = 36;
const PAD = 4;

/**
 * A sparkline of weekly values (null: no data that week, drawn as a gap). The scale starts at 0 so
 * that a flat line means steady, not "the same as the minimum". The last point is hollow when its
 * week is not over yet.
 */
export function sparkline(points, { label, lastIsPartial = false }) {
  const values = points.map((point) => point.value);
  const max = Math.max(0, ...values.filter((value) => value !== null));
  const step = points.length > 1 ? (WIDTH - 2 * PAD) / (points.length - 1) : 0;
  const x = (index) => PAD + index * step;
  const y = (value) => HEIGHT - PAD - (max === 0 ? 0 : (value / max) * (HEIGHT - 2 * PAD));

  const segments = [];
  let current = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else current.push(`${x(index).toFixed(1)},${y(value).toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current);

  const dots = values.map((value, index) =>
    value === null
      ? null
      : s('circle', {
          cx: x(index).toFixed(1),
          cy: y(value).toFixed(1),
          r: index === values.length - 1 ? 2.6 : 1.6,
          class: index === values.length - 1 && lastIsPartial ? 'partial' : null,
        }),
  );
  return s(
    'svg',
    { class: 'sparkline', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': label, focusable: 'false' },
    s('title', {}, label),
    s('line', { class: 'baseline', x1: PAD, x2: WIDTH - PAD, y1: HEIGHT - PAD, y2: HEIGHT - PAD }),
    segments.map((segment) => (segment.length > 1 ? s('polyline', { points: segment.join(' ') }) : null)),
    dots,
  );
}

/**
 * The heat of a matrix cell, 0 (none) to 5: a few steps that stay readable (each step's text colour
 * is chosen for contrast in styles.css) rather than a continuous scale.
 */
export function heatLevel(count, max) {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(5, 1 + Math.floor((Math.sqrt(count) / Math.sqrt(max)) * 4.999));
}
