import type { KpiUnit } from '@tandem/metrics';
import { formatValue } from '../format';
import { escapeHtml } from './escape';

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 3;

export interface TrendPoint {
  bucket: string;
  value: number | null;
}

/**
 * An inline SVG line of the trend, oldest first, the current period marked: gaps where a period
 * had no value. Its label reads every value, so a screen reader gets the numbers the line shows.
 */
export function sparklineSvg(points: readonly TrendPoint[], unit: KpiUnit, label: string): string {
  const values = points.map((point) => point.value);
  const known = values.filter((value): value is number => value !== null);
  const spoken = points.map((point) => (point.value === null ? 'no value' : formatValue(point.value, unit))).join(', ');
  const aria = escapeHtml(`${label}, last ${points.length} periods, oldest first: ${spoken}`);
  if (known.length === 0) {
    return `<svg class="spark" role="img" aria-label="${aria}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}"><title>${aria}</title><text x="0" y="20" font-size="11" fill="#4a4a4a">no data</text></svg>`;
  }
  const min = Math.min(...known);
  const max = Math.max(...known);
  const x = (index: number) => (points.length === 1 ? WIDTH / 2 : PAD + (index * (WIDTH - 2 * PAD)) / (points.length - 1));
  const y = (value: number) => (max === min ? HEIGHT / 2 : HEIGHT - PAD - ((value - min) * (HEIGHT - 2 * PAD)) / (max - min));
  const coordinate = (index: number, value: number) => `${x(index).toFixed(1)} ${y(value).toFixed(1)}`;

  const segments: string[] = [];
  let segment: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (segment.length > 0) segments.push(segment.join(' '));
      segment = [];
    } else segment.push(`${segment.length === 0 ? 'M' : 'L'}${coordinate(index, value)}`);
  });
  if (segment.length > 0) segments.push(segment.join(' '));

  const lastIndex = values.length - 1 - [...values].reverse().findIndex((value) => value !== null);
  const last = values[lastIndex] as number;
  const gap = (index: number) => values[index] === undefined || values[index] === null;
  // A value between two gaps draws no line: a dot shows it.
  const isolated = values.flatMap((value, index) => (value !== null && gap(index - 1) && gap(index + 1) && index !== lastIndex ? [index] : []));
  return [
    `<svg class="spark" role="img" aria-label="${aria}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">`,
    `<title>${aria}</title>`,
    ...segments.map((d) => `<path d="${d}" fill="none" stroke="#1f4e8c" stroke-width="1.75" stroke-linejoin="round" stroke-linecap="round"/>`),
    ...isolated.map((index) => `<circle cx="${x(index).toFixed(1)}" cy="${y(values[index] as number).toFixed(1)}" r="1.75" fill="#1f4e8c"/>`),
    `<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(last).toFixed(1)}" r="3" fill="#1f4e8c"/>`,
    '</svg>',
  ].join('');
}

/** The same trend as text, for Markdown: `▁▃▅▇` with `·` for a period without a value. */
export function sparklineText(points: readonly TrendPoint[]): string {
  const known = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  if (known.length === 0) return 'no data';
  const min = Math.min(...known);
  const max = Math.max(...known);
  const blocks = '▁▂▃▄▅▆▇█';
  return points
    .map((point) => {
      if (point.value === null) return '·';
      const level = max === min ? 3 : Math.round(((point.value - min) / (max - min)) * (blocks.length - 1));
      return blocks[level];
    })
    .join('');
}
