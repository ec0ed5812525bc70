// The KPI overview: every KPI of the scope over the window, each with its weekly trend.
import { sparkline } from './charts.js';
import { h, message, show } from './dom.js';
import { describeSample, formatDate, formatValue, KPI_GROUPS, KPIS, kpiLabel } from './format.js';
import { openExplanation } from './explain.js';

const VALUE_FIELDS = 'kpi version value unit sampleSize numerator denominator p90 mean suppressed';

/** One request: the window's values, and a weekly series per KPI (aliases, within the API's alias limit). */
function overviewQuery(ids) {
  const series = ids.map((id) => `  s_${id}: kpiSeries(id: "${id}", scope: $scope, from: $from, to: $to, bucket: WEEK) { bucket from to value { value sampleSize suppressed } }`);
  return `query Overview($scope: KpiScope, $from: DateTime!, $to: DateTime!) {
  kpis(scope: $scope, from: $from, to: $to) { ${VALUE_FIELDS} }
${series.join('\n')}
}`;
}

function trendLabel(id, points, unit) {
  const weeks = points.map((point) => `${point.bucket}: ${formatValue(point.value.value, unit) ?? (point.value.suppressed ? 'suppressed' : 'no data')}`);
  return `${kpiLabel(id)}, week by week — ${weeks.join('; ')}`;
}

function card(api, context, kpiValue, points) {
  const id = kpiValue.kpi;
  const shown = formatValue(kpiValue.value, kpiValue.unit);
  const better = KPIS[id]?.better;
  const explain = () => openExplanation(api, { id, scope: context.scopeInput, scopeName: context.scopeName, from: context.from, to: context.to, version: kpiValue.version, known: kpiValue });
  return h(
    'article.kpi-card',
    { 'data-kpi': id },
    h('h4', {}, kpiLabel(id)),
    h(
      `button.kpi-value${shown === null ? '.no-value' : ''}`,
      { type: 'button', onclick: explain, 'aria-label': `${kpiLabel(id)}: ${shown ?? 'no value'} (${describeSample(kpiValue)}). Explain this number` },
      shown ?? (kpiValue.suppressed ? 'suppressed' : 'no data'),
    ),
    h('p.kpi-sample', {}, describeSample(kpiValue)),
    points ? sparkline(points.map((point) => point.value), { label: trendLabel(id, points, kpiValue.unit), lastIsPartial: Date.parse(points.at(-1).to) > Date.now() - 60_000 }) : null,
    better ? h('p.kpi-hint', {}, `${better} is better`) : null,
  );
}

export async function renderOverview(api, context, container) {
  show(container, message('info loading', 'Loading the KPIs…'));
  const ids = KPI_GROUPS.flatMap((group) => group.kpis);
  let data;
  try {
    data = await api.query(overviewQuery(ids), { scope: context.scopeInput, from: context.from, to: context.to });
  } catch (error) {
    show(container, message('error', error.plain));
    return;
  }
  const byId = new Map(data.kpis.map((value) => [value.kpi, value]));
  const grouped = new Set(ids);
  const groups = [...KPI_GROUPS, { title: 'Other', kpis: data.kpis.map((value) => value.kpi).filter((id) => !grouped.has(id) && id !== 'review_matrix') }];
  show(
    container,
    h('p.window', {}, `${context.scopeName}, ${formatDate(context.from)} to ${formatDate(context.to)}. Select a number to see what stands behind it.`),
    groups
      .filter((group) => group.kpis.some((id) => byId.has(id)))
      .map((group) =>
        h(
          'section.kpi-group',
          { 'aria-label': group.title },
          h('h3', {}, group.title),
          h('div.kpi-grid', {}, group.kpis.filter((id) => byId.has(id)).map((id) => card(api, context, byId.get(id), data[`s_${id}`]))),
        ),
      ),
  );
}
