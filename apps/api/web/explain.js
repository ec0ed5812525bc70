// "Explain this number": the value with what stands behind it, then the facts it was computed from.
import { h, message, show } from './dom.js';
import { describeSample, formatCount, formatDate, formatDateTime, formatValue, kpiLabel } from './format.js';

const EXPLAIN = `query Explain($id: String!, $scope: KpiScope, $from: DateTime!, $to: DateTime!, $version: Int) {
  explain(id: $id, scope: $scope, from: $from, to: $to, version: $version) {
    definition aggregation
    value { kpi version value unit sampleSize numerator denominator p90 mean suppressed from to }
    facts { key kind counted value teams services times { name at } details { name value } links { to relation rule } }
  }
}`;

let opened = 0;

/** Facts shown at first; the rest on request (an organisation's quarter can have thousands). */
const FIRST_FACTS = 50;

function numbers(kpiValue) {
  const rows = [
    ['Value', formatValue(kpiValue.value, kpiValue.unit) ?? (kpiValue.suppressed ? 'suppressed' : 'no data')],
    ['Sample size', formatCount(kpiValue.sampleSize)],
    ['Numerator', kpiValue.numerator === null ? null : formatCount(kpiValue.numerator)],
    ['Denominator', kpiValue.denominator === null ? null : formatCount(kpiValue.denominator)],
    ['90th percentile', formatValue(kpiValue.p90, kpiValue.unit)],
    ['Mean', formatValue(kpiValue.mean, kpiValue.unit)],
    ['Definition version', `v${kpiValue.version}`],
  ].filter(([, value]) => value !== null && value !== undefined);
  return h('dl.numbers', {}, rows.map(([name, value]) => h('div', {}, h('dt', {}, name), h('dd', {}, value))));
}

function factValue(fact, unit) {
  if (fact.value === null) return '';
  return unit === 'seconds' ? formatValue(fact.value, 'seconds') : formatCount(fact.value);
}

function factRow(fact, unit) {
  const times = fact.times.filter((time) => time.at !== null);
  const details = fact.details.filter((detail) => detail.value !== null && detail.value !== '');
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, h('span.fact-kind', {}, fact.kind.replaceAll('_', ' ')), h('code', {}, fact.key)),
    h('td', {}, fact.counted ? 'yes' : 'no'),
    h('td.number', {}, factValue(fact, unit)),
    h('td', {}, [...fact.teams, ...fact.services.map((service) => `${service} (service)`)].join(', ')),
    h('td', {}, h('ul.plain', {}, times.map((time) => h('li', {}, `${time.name}: `, h('time', { datetime: time.at }, formatDateTime(time.at)))))),
    h(
      'td',
      {},
      h('ul.plain', {}, [
        ...details.map((detail) => h('li', {}, `${detail.name}: ${detail.value}`)),
        ...fact.links.map((link) => h('li', {}, `${link.relation.replaceAll('_', ' ')} `, h('code', {}, link.to), link.rule ? ` (${link.rule})` : '')),
      ]),
    ),
  );
}

function factsTable(facts, unit, limit) {
  const rows = facts.slice(0, limit).map((fact) => factRow(fact, unit));
  return h(
    'div.table-scroll',
    { tabindex: 0, role: 'region', 'aria-label': 'Facts behind the number' },
    h(
      'table.facts',
      {},
      h('caption', {}, `The ${formatCount(facts.length)} facts behind the number${facts.length > limit ? ` (first ${limit} shown)` : ''}`),
      h('thead', {}, h('tr', {}, ['Fact', 'Counted', 'Value', 'Teams and services', 'When', 'Details'].map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, rows),
    ),
  );
}

function explanationBody(explanation) {
  const facts = h('div.facts-area');
  // What went into the number first, then what the window held but the definition left out.
  const ordered = [...explanation.facts.filter((fact) => fact.counted), ...explanation.facts.filter((fact) => !fact.counted)];
  const render = (limit) =>
    show(
      facts,
      ordered.length === 0 ? message('info', 'No facts fall in this window.') : factsTable(ordered, explanation.value.unit, limit),
      explanation.facts.length > limit ? h('button.link', { type: 'button', onclick: () => render(explanation.facts.length) }, `Show all ${formatCount(explanation.facts.length)} facts`) : null,
    );
  render(FIRST_FACTS);
  return [
    numbers(explanation.value),
    h('p.definition', {}, h('strong', {}, 'Definition: '), explanation.definition),
    h('p.definition', {}, h('strong', {}, 'Aggregation: '), explanation.aggregation),
    facts,
  ];
}

/**
 * Opens the explanation dialog for one number. `known` is the KpiValue the page already has (shown
 * at once, and the only thing a member's token may see); the facts come from `explain`.
 */
export async function openExplanation(api, { id, scope, scopeName, from, to, version, known }) {
  const dialog = document.getElementById('explanation');
  const body = dialog.querySelector('.dialog-body');
  const opener = document.activeElement;
  // A slow answer for a number closed since must not fill the dialog of the next one.
  const ticket = ++opened;
  dialog.querySelector('h2').textContent = `${kpiLabel(id)}: ${scopeName}`;
  dialog.querySelector('.dialog-window').textContent = `${formatDate(from)} to ${formatDate(to)}${known ? ` · ${describeSample(known)}` : ''}`;
  show(body, known ? numbers(known) : null, message('info loading', 'Loading the facts behind it…'));
  dialog.addEventListener('close', () => opener?.focus?.(), { once: true });
  dialog.showModal();
  try {
    const { explain } = await api.query(EXPLAIN, { id, scope, from, to, version: version ?? null });
    if (ticket === opened) show(body, explanationBody(explain));
  } catch (error) {
    if (ticket !== opened) return;
    const why = error.code === 'FORBIDDEN' ? 'The facts behind a number are for admins and the leads of its teams; this token cannot see them.' : error.plain;
    show(body, known ? numbers(known) : null, message('error', why));
  }
}

/** Wires the dialog's close button once. */
export function initExplanationDialog() {
  const dialog = document.getElementById('explanation');
  dialog.querySelector('.dialog-close').addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
}
