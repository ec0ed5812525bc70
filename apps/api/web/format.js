// What the page says about KPIs and how it writes numbers. Ids, units and groups: metrics.md.

/** Each KPI's name on the page, and which way is better (for the hint under its trend). */
export const KPIS = {
  deployment_frequency: { label: 'Production deployments', better: 'higher' },
  lead_time_for_changes: { label: 'Lead time for changes', better: 'lower' },
  change_failure_rate: { label: 'Change failure rate', better: 'lower' },
  failed_deployment_recovery_time: { label: 'Failed deployment recovery time', better: 'lower' },
  time_to_acknowledge: { label: 'Time to acknowledge', better: 'lower' },
  time_to_restore: { label: 'Time to restore', better: 'lower' },
  error_budget_burn: { label: 'Error budget burned', better: 'lower' },
  dev_incident_participation: { label: 'Incidents with Dev participation', better: 'higher' },
  time_to_engage_dev: { label: 'Time to engage Dev', better: 'lower' },
  dev_oncall_share: { label: 'Pages acknowledged by Dev', better: 'higher' },
  out_of_hours_pages: { label: 'Out-of-hours pages', better: 'lower' },
  cross_team_review_rate: { label: 'Cross-team review rate', better: 'higher' },
  review_matrix: { label: 'Reviews between teams', better: 'higher' },
  iac_dev_authorship: { label: 'Infrastructure changes by Dev', better: 'higher' },
  cross_team_response_time: { label: 'Cross-team response time', better: 'lower' },
  postmortem_completion_rate: { label: 'Post-mortems on time', better: 'higher' },
  postmortem_cross_team_participation: { label: 'Post-mortems written across teams', better: 'higher' },
  action_item_closure_rate: { label: 'Action items closed on time', better: 'higher' },
};

/** The overview's sections; the review matrix has its own heat map. */
export const KPI_GROUPS = [
  { title: 'Delivery', kpis: ['deployment_frequency', 'lead_time_for_changes', 'change_failure_rate', 'failed_deployment_recovery_time'] },
  { title: 'Incident response', kpis: ['time_to_acknowledge', 'time_to_restore', 'error_budget_burn'] },
  {
    title: 'Dev ↔ Ops collaboration',
    kpis: [
      'dev_incident_participation',
      'time_to_engage_dev',
      'dev_oncall_share',
      'out_of_hours_pages',
      'cross_team_review_rate',
      'iac_dev_authorship',
      'cross_team_response_time',
      'postmortem_completion_rate',
      'postmortem_cross_team_participation',
      'action_item_closure_rate',
    ],
  },
];

export function kpiLabel(id) {
  return KPIS[id]?.label ?? id.replaceAll('_', ' ').replace(/^./, (first) => first.toUpperCase());
}

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function formatCount(value) {
  return Number.isInteger(value) ? integer.format(value) : oneDecimal.format(value);
}

/** 45 s, 12 min, 3.4 h, 2.1 d: a duration as a manager reads it. */
export function formatDuration(seconds) {
  if (seconds < 90) return `${integer.format(seconds)} s`;
  if (seconds < 90 * 60) return `${integer.format(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${oneDecimal.format(seconds / 3600)} h`;
  return `${oneDecimal.format(seconds / 86400)} d`;
}

export function formatRatio(ratio) {
  return `${oneDecimal.format(ratio * 100)}%`;
}

/** A KPI value in its unit; null when there is none (never "0" for "no data"). */
export function formatValue(value, unit) {
  if (value === null || value === undefined) return null;
  if (unit === 'seconds') return formatDuration(value);
  if (unit === 'ratio') return formatRatio(value);
  return formatCount(value);
}

/** What stands behind a value: "12 of 40", "median of 54", "31 counted". */
export function describeSample(kpiValue) {
  const { unit, sampleSize, numerator, denominator } = kpiValue;
  if (kpiValue.suppressed) return 'suppressed: the team is below the minimum group size';
  if (sampleSize === 0) return 'no samples in this window';
  if (kpiValue.kpi === 'error_budget_burn' && numerator !== null && denominator !== null) return `${integer.format(numerator)} of ${integer.format(denominator)} budget minutes`;
  if (unit === 'ratio' && numerator !== null && denominator !== null) return `${formatCount(numerator)} of ${formatCount(denominator)}`;
  if (unit === 'seconds') return `median of ${formatCount(sampleSize)}`;
  return `${formatCount(sampleSize)} counted`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function formatDate(iso) {
  return dateFormat.format(new Date(iso));
}

export function formatDateTime(iso) {
  return dateTimeFormat.format(new Date(iso));
}

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });

/** "3 hours ago", "yesterday". */
export function formatAgo(iso, now = Date.now()) {
  const seconds = (Date.parse(iso) - now) / 1000;
  const steps = [
    [60, 'second'],
    [3600, 'minute'],
    [86400, 'hour'],
    [7 * 86400, 'day'],
    [30 * 86400, 'week'],
  ];
  let divisor = 1;
  for (const [limit, unit] of steps) {
    if (Math.abs(seconds) < limit) return relative.format(Math.round(seconds / divisor), unit);
    divisor = limit;
  }
  return formatDate(iso);
}
