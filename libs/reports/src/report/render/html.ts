import { formatCount, formatInstant } from '../format';
import { restoreText } from '../notable-incidents';
import type { LeadershipReport, ReportKpi, ReportSection } from '../report-types';
import { escapeHtml as e } from './escape';
import { REPORT_CSS } from './html-style';
import { sparklineSvg } from './sparkline';

/**
 * The report as one self-contained HTML page (inline CSS and SVG, no script, no external
 * resource): the summary first (a printed first page), the details after, every table with
 * header cells and a caption, every chart with a text equivalent.
 */
export function renderReportHtml(report: LeadershipReport): string {
  const periodWord = report.periodKind;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(report.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<section class="summary" aria-labelledby="summary-title">',
    `<p class="eyebrow">Tandem ${periodWord === 'week' ? 'weekly' : 'monthly'} report · ${e(report.scope.name)}</p>`,
    `<h1 id="summary-title">${e(report.title)}</h1>`,
    `<p class="meta">${e(`${capitalize(report.period.label)} (${formatInstant(report.period.from)} to ${formatInstant(report.period.to)}), compared with the ${report.previousPeriod.label}.`)}</p>`,
    `<p class="headline">${e(report.headline)}</p>`,
    `<ul class="sentences">${report.summary.map((sentence) => `<li>${e(sentence)}</li>`).join('')}</ul>`,
    '</section>',
    '<section aria-labelledby="shared-title">',
    '<h2 id="shared-title">The shared KPIs</h2>',
    ...report.sharedKpis.map((section) => sectionHtml(section, periodWord)),
    '</section>',
    '<section aria-labelledby="collaboration-title">',
    '<h2 id="collaboration-title">Dev ↔ Ops collaboration</h2>',
    ...report.collaboration.map((section) => sectionHtml(section, periodWord, section.id === 'reviews' ? reviewFlowsHtml(report) : '')),
    '</section>',
    incidentsHtml(report),
    recognitionsHtml(report),
    teamsHtml(report),
    dataQualityHtml(report),
    footerHtml(report),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function sectionHtml(section: ReportSection, periodWord: string, extra = ''): string {
  return [
    `<h3 id="${e(section.id)}">${e(section.title)}</h3>`,
    `<p class="intro">${e(section.intro)}</p>`,
    `<ul class="sentences">${section.kpis.map((kpi) => `<li>${e(kpi.sentence)}</li>`).join('')}</ul>`,
    '<table class="kpis">',
    `<caption>${e(section.title)}: this ${periodWord}, last ${periodWord} and the last 12 ${periodWord}s</caption>`,
    '<colgroup><col class="name"><col class="value"><col class="value"><col class="change"><col class="trend"></colgroup>',
    `<thead><tr><th scope="col">KPI</th><th scope="col">This ${periodWord}</th><th scope="col">Last ${periodWord}</th><th scope="col">Change</th><th scope="col">12 ${periodWord}s</th></tr></thead>`,
    `<tbody>${section.kpis.map((kpi) => kpiRowHtml(kpi)).join('')}</tbody>`,
    '</table>',
    extra,
  ].join('\n');
}

function kpiRowHtml(kpi: ReportKpi): string {
  const verdictClass = kpi.verdict === 'better' ? 'better' : kpi.verdict === 'worse' ? 'worse' : 'muted';
  const mark = kpi.verdict === 'better' ? '▲ better: ' : kpi.verdict === 'worse' ? '▼ worse: ' : '';
  const sample = kpi.current.suppressed || kpi.current.value === null ? '' : `<br><span class="muted">n = ${formatCount(kpi.current.sampleSize)}</span>`;
  return (
    `<tr><th scope="row">${e(kpi.label)} <span class="muted">(v${kpi.version})</span></th>` +
    `<td>${e(kpi.display.current)}${sample}</td>` +
    `<td>${e(kpi.display.previous)}</td>` +
    `<td class="${verdictClass}">${e(`${mark}${kpi.display.change}`)}</td>` +
    `<td>${sparklineSvg(kpi.trend, kpi.unit, `${kpi.label} trend`)}</td></tr>`
  );
}

function reviewFlowsHtml(report: LeadershipReport): string {
  if (report.reviewFlows.length === 0) return `<p class="muted">No review crossed a team boundary this ${report.periodKind}.</p>`;
  return [
    '<table>',
    '<caption>Reviews between teams (reviewer’s team to author’s team)</caption>',
    '<thead><tr><th scope="col">Reviewers from</th><th scope="col">Reviewed the work of</th><th scope="col">Reviews</th></tr></thead>',
    `<tbody>${report.reviewFlows.map((flow) => `<tr><td>${e(flow.from)}</td><td>${e(flow.to)}</td><td>${formatCount(flow.reviews)}</td></tr>`).join('')}</tbody>`,
    '</table>',
  ].join('\n');
}

function incidentsHtml(report: LeadershipReport): string {
  const { total, notable } = report.incidents;
  const intro = total === 0 ? `No incidents this ${report.periodKind}.` : `${notable.length} of ${total} incidents, the most severe and the longest first.`;
  const rows = notable.map(
    (incident) =>
      `<tr><th scope="row">${e(incident.title)}${incident.services.length ? `<br><span class="muted">${e(incident.services.join(', '))}</span>` : ''}</th>` +
      `<td>${e(incident.severity ?? 'unknown')}</td><td>${e(restoreText(incident.restoreSeconds))}</td><td>${e(incident.postmortem.text)}</td></tr>`,
  );
  return [
    '<section aria-labelledby="incidents-title">',
    '<h2 id="incidents-title">Notable incidents</h2>',
    `<p>${e(intro)}</p>`,
    notable.length === 0
      ? ''
      : `<table><caption>Notable incidents and their post-mortems</caption><thead><tr><th scope="col">Incident</th><th scope="col">Severity</th><th scope="col">Restored in</th><th scope="col">Post-mortem</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function recognitionsHtml(report: LeadershipReport): string {
  const { items } = report.recognitions;
  const line = (item: (typeof items)[number]) =>
    item.kind === 'kudos'
      ? `<li><strong>${e(item.from ?? 'Someone')}</strong> to <strong>${e(item.to.join(', '))}</strong>: “${e(item.text)}”</li>`
      : `<li><strong>${e((item.rule ?? 'recognition').replace(/_/g, ' '))}</strong>: ${e(item.text)}</li>`;
  return [
    '<section aria-labelledby="recognitions-title">',
    '<h2 id="recognitions-title">Recognitions</h2>',
    items.length === 0 ? `<p>Nobody gave or earned a recognition this ${report.periodKind}.</p>` : `<ul class="recognitions">${items.map(line).join('')}</ul>`,
    '</section>',
  ].join('\n');
}

function teamsHtml(report: LeadershipReport): string {
  if (report.teams.length === 0) return '';
  const labels = report.teams[0].values.map((value) => value.label);
  return [
    '<section aria-labelledby="teams-title">',
    '<h2 id="teams-title">Teams</h2>',
    `<table><caption>Each team this ${report.periodKind}</caption>`,
    `<thead><tr><th scope="col">Team</th><th scope="col">People</th>${labels.map((label) => `<th scope="col">${e(label)}</th>`).join('')}</tr></thead>`,
    `<tbody>${report.teams
      .map((team) => `<tr><th scope="row">${e(team.name)} <span class="muted">(${e(team.kind)})</span></th><td>${team.members}</td>${team.values.map((value) => `<td>${e(value.display)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function dataQualityHtml(report: LeadershipReport): string {
  const { coverage, sentences } = report.dataQuality;
  return [
    '<section aria-labelledby="quality-title">',
    '<h2 id="quality-title">Data quality</h2>',
    `<ul class="sentences">${sentences.map((sentence) => `<li>${e(sentence)}</li>`).join('')}</ul>`,
    '<table><caption>Coverage this period</caption><thead><tr><th scope="col">What</th><th scope="col">Count</th></tr></thead><tbody>',
    `<tr><th scope="row">Identities linked to no person</th><td>${coverage.unresolvedIdentities}</td></tr>`,
    `<tr><th scope="row">Incidents</th><td>${coverage.incidents}</td></tr>`,
    `<tr><th scope="row">… with no known service</th><td>${coverage.incidentsWithoutService}</td></tr>`,
    `<tr><th scope="row">Production deployments</th><td>${coverage.productionDeployments}</td></tr>`,
    `<tr><th scope="row">… shipping no known commit</th><td>${coverage.deploymentsWithoutCommits}</td></tr>`,
    '</tbody></table>',
    '</section>',
  ].join('\n');
}

function footerHtml(report: LeadershipReport): string {
  const definitions = Object.entries(report.definitions).map(([kpi, version]) => `${kpi} v${version}`).join(', ');
  return [
    '<footer>',
    `<p>${e(`Computed from the events recorded up to ${formatInstant(report.asOf)} (event-store position ${report.eventStorePosition}); calendar periods in ${report.organization.timezone}; values of teams under ${report.organization.minGroupSize} people are not shown.`)}</p>`,
    `<p>${e(`KPI definitions used (metrics.md): ${definitions}. Generated by ${report.generatedBy.name} ${report.generatedBy.version}.`)}</p>`,
    '</footer>',
  ].join('\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
