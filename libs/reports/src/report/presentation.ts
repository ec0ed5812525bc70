import type { KpiId } from '@tandem/metrics';
import type { Better } from './report-types';

/** How the report says one KPI: its name, which way is good, and the sentence around its value. */
export interface KpiPresentation {
  label: string;
  better: Better | null;
  /** The sentence's first half, around the value (formatted, and raw for plurals): "Incidents were restored in a median of 42 min". */
  says(text: string, value: number): string;
  /** When there was nothing to measure this period. */
  none: string;
}

/** Every KPI, in words (metrics.md's definitions, said for a reader who has not read them). */
export const PRESENTATION: { readonly [Id in KpiId]: KpiPresentation } = {
  deployment_frequency: { label: 'Deployments', better: 'higher', says: (v, n) => `Teams deployed to production ${n === 1 ? 'once' : `${v} times`}`, none: 'No production deployment finished' },
  lead_time_for_changes: { label: 'Lead time for changes', better: 'lower', says: (v) => `Changes reached production in a median of ${v} from their first commit`, none: 'No merged change reached production' },
  change_failure_rate: { label: 'Change failure rate', better: 'lower', says: (v) => `${v} of production deployments failed or caused an incident`, none: 'No production deployment could be judged' },
  failed_deployment_recovery_time: { label: 'Failed deployment recovery', better: 'lower', says: (v) => `Failed deployments were recovered in a median of ${v}`, none: 'No failed deployment was recovered' },
  time_to_acknowledge: { label: 'Time to acknowledge', better: 'lower', says: (v) => `Incidents were acknowledged in a median of ${v}`, none: 'No incident was triggered' },
  time_to_restore: { label: 'Time to restore', better: 'lower', says: (v) => `Incidents were restored in a median of ${v}`, none: 'No incident was restored' },
  error_budget_burn: { label: 'Error budget burn', better: 'lower', says: (v) => `Services with an SLO burned ${v} of their error budget`, none: 'No service with an SLO had an incident' },
  dev_incident_participation: { label: 'Dev participation in incidents', better: 'higher', says: (v) => `Developers took part in ${v} of significant incidents`, none: 'No significant incident was resolved' },
  time_to_engage_dev: { label: 'Time to engage Dev', better: 'lower', says: (v) => `Developers joined incidents a median of ${v} after they were triggered`, none: 'No incident had Dev participation' },
  dev_oncall_share: { label: 'Dev on-call share', better: 'higher', says: (v) => `Developers acknowledged ${v} of pages`, none: 'No page was acknowledged' },
  out_of_hours_pages: { label: 'Out-of-hours pages', better: 'lower', says: (v, n) => `${v} ${n === 1 ? 'page' : 'pages'} reached people outside their working hours`, none: 'No page was acknowledged' },
  cross_team_review_rate: { label: 'Cross-team reviews', better: 'higher', says: (v) => `${v} of merged pull requests were reviewed by the other side`, none: 'No pull request was merged' },
  review_matrix: { label: 'Reviews', better: null, says: (v, n) => `People submitted ${v} ${n === 1 ? 'review' : 'reviews'}`, none: 'No review was submitted' },
  iac_dev_authorship: { label: 'Dev-authored infrastructure', better: 'higher', says: (v) => `Developers authored ${v} of infrastructure changes`, none: 'No infrastructure change was merged' },
  cross_team_response_time: { label: 'Cross-team response time', better: 'lower', says: (v) => `Questions in shared channels got an answer from the other side in a median of ${v}`, none: 'No question in a shared channel got an answer from the other side' },
  postmortem_completion_rate: { label: 'Post-mortems on time', better: 'higher', says: (v) => `${v} of serious incidents got their post-mortem on time`, none: 'No serious incident was due a post-mortem' },
  postmortem_cross_team_participation: { label: 'Post-mortems by both sides', better: 'higher', says: (v) => `${v} of published post-mortems were written with both Dev and Ops`, none: 'No post-mortem was published' },
  action_item_closure_rate: { label: 'Action items closed on time', better: 'higher', says: (v) => `${v} of post-mortem action items due were closed by their due date`, none: 'No action item fell due' },
};

/** The shared KPIs (DORA delivery and incident response) and the collaboration groups, in reading order. */
export const SHARED_SECTIONS: readonly { id: string; title: string; intro: string; kpis: readonly KpiId[] }[] = [
  { id: 'delivery', title: 'Delivery', intro: 'How often and how safely changes reach production (DORA).', kpis: ['deployment_frequency', 'lead_time_for_changes', 'change_failure_rate', 'failed_deployment_recovery_time'] },
  { id: 'incident-response', title: 'Incident response', intro: 'How fast incidents are picked up and fixed, and what they cost the error budgets.', kpis: ['time_to_acknowledge', 'time_to_restore', 'error_budget_burn'] },
];

export const COLLABORATION_SECTIONS: readonly { id: string; title: string; intro: string; kpis: readonly KpiId[] }[] = [
  { id: 'participation', title: 'Participation in incidents', intro: 'Whether developers are in the room when their services break.', kpis: ['dev_incident_participation', 'time_to_engage_dev'] },
  { id: 'on-call', title: 'On-call share', intro: 'Who carries the pager, and at what hours.', kpis: ['dev_oncall_share', 'out_of_hours_pages'] },
  { id: 'reviews', title: 'Cross-team reviews', intro: 'Code and infrastructure worked on across the Dev–Ops line.', kpis: ['cross_team_review_rate', 'review_matrix', 'iac_dev_authorship', 'cross_team_response_time'] },
  { id: 'postmortems', title: 'Post-mortem follow-through', intro: 'Whether incidents are learned from, together, and the actions done.', kpis: ['postmortem_completion_rate', 'postmortem_cross_team_participation', 'action_item_closure_rate'] },
];

/** The sentences of the first page, in this order. */
export const SUMMARY_KPIS: readonly KpiId[] = ['time_to_restore', 'deployment_frequency', 'lead_time_for_changes', 'change_failure_rate', 'dev_incident_participation', 'cross_team_review_rate', 'postmortem_completion_rate'];

/** The columns of the organisation report's team table. */
export const TEAM_TABLE_KPIS: readonly KpiId[] = ['deployment_frequency', 'time_to_restore', 'dev_incident_participation', 'cross_team_review_rate'];
