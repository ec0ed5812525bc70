// The Dev ↔ Ops review matrix as a heat map: who reviews whose pull requests.
import { heatLevel } from './charts.js';
import { h, message, show } from './dom.js';
import { formatCount, formatDate } from './format.js';
import { openExplanation } from './explain.js';

const MATRIX = `query ReviewMatrix($from: DateTime!, $to: DateTime!) {
  reviewMatrix(from: $from, to: $to) { fromTeam toTeam reviews }
}`;

const SIDE_ORDER = { DEV: 0, OPS: 1, SRE: 1, PLATFORM: 1, OTHER: 2 };
const SIDE_NAME = { DEV: 'Dev', OPS: 'Ops', SRE: 'Ops', PLATFORM: 'Ops', OTHER: 'other' };

/** Dev teams first, then the Ops side, then the rest; teams without a review in the window left out. */
function orderedTeams(teams, flows) {
  const involved = new Set(flows.flatMap((flow) => [flow.fromTeam, flow.toTeam]));
  const known = teams.filter((team) => involved.has(team.slug));
  const unknown = [...involved].filter((slug) => !teams.some((team) => team.slug === slug)).map((slug) => ({ slug, name: slug, kind: 'OTHER' }));
  return [...known, ...unknown].sort((a, b) => SIDE_ORDER[a.kind] - SIDE_ORDER[b.kind] || a.name.localeCompare(b.name));
}

export async function renderMatrix(api, context, container) {
  show(container, message('info loading', 'Loading the review matrix…'));
  let flows;
  try {
    ({ reviewMatrix: flows } = await api.query(MATRIX, { from: context.from, to: context.to }));
  } catch (error) {
    show(container, message('error', error.plain));
    return;
  }
  if (flows.length === 0) {
    show(container, message('info', 'No reviews between teams in this window.'));
    return;
  }
  const teams = orderedTeams(context.teams, flows);
  const counts = new Map(flows.map((flow) => [`${flow.fromTeam}→${flow.toTeam}`, flow.reviews]));
  const max = Math.max(...flows.map((flow) => flow.reviews));
  const selected = context.scopeInput?.team;

  const cell = (reviewer, author) => {
    const reviews = counts.get(`${reviewer.slug}→${author.slug}`) ?? 0;
    const crossSide = SIDE_NAME[reviewer.kind] !== SIDE_NAME[author.kind];
    const classes = [`heat-${heatLevel(reviews, max)}`, crossSide && reviews > 0 ? 'cross-side' : '', reviewer.slug === author.slug ? 'same-team' : ''].filter(Boolean).join(' ');
    const label = `${formatCount(reviews)} reviews by ${reviewer.name} of ${author.name}'s pull requests`;
    if (reviews === 0) return h('td', { class: classes, 'aria-label': label }, '');
    const explain = () =>
      openExplanation(api, {
        id: 'review_matrix',
        scope: { teams: [reviewer.slug, author.slug] },
        scopeName: `${reviewer.name} reviewing ${author.name}`,
        from: context.from,
        to: context.to,
        known: null,
      });
    return h('td', { class: classes }, h('button.cell', { type: 'button', onclick: explain, 'aria-label': `${label}. Explain this number` }, formatCount(reviews)));
  };

  show(
    container,
    h(
      'p.window',
      {},
      `Reviews from ${formatDate(context.from)} to ${formatDate(context.to)}: rows are the reviewers' teams, columns the authors' teams. Outlined cells are reviews across Dev and Ops; darker means more reviews.`,
    ),
    h(
      'div.table-scroll',
      { tabindex: 0, role: 'region', 'aria-label': 'Review matrix' },
      h(
        'table.matrix',
        {},
        h('caption.visually-hidden', {}, 'Reviews by the reviewers’ team (rows) of the authors’ team’s pull requests (columns)'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('td.corner', {}, h('span', {}, 'reviewers ↓ · authors →')),
            teams.map((team) => h('th', { scope: 'col', class: team.slug === selected ? 'selected' : null, title: team.name }, h('span', {}, team.name), h('small', {}, SIDE_NAME[team.kind]))),
          ),
        ),
        h(
          'tbody',
          {},
          teams.map((reviewer) =>
            h(
              'tr',
              { class: reviewer.slug === selected ? 'selected' : null },
              h('th', { scope: 'row' }, reviewer.name, ' ', h('small', {}, SIDE_NAME[reviewer.kind])),
              teams.map((author) => cell(reviewer, author)),
            ),
          ),
        ),
      ),
    ),
  );
}
