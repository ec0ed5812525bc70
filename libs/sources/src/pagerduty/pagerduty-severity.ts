import type { PageUrgencyJson, SeverityJson } from '@tandem/contracts';
import { severityOfPriorityLabel } from '../shared/severity';

export type PagerdutyUrgency = 'high' | 'low';

/**
 * metrics.md: priority `P1`…`P5` → SEV1…SEV5; with no priority (or a custom priority name that is
 * not `P<n>`), urgency `high` → SEV2 and `low` → SEV4.
 */
export function pagerdutySeverity(priority: string | undefined, urgency: PagerdutyUrgency): SeverityJson {
  const fromPriority = priority === undefined ? undefined : severityOfPriorityLabel(priority);
  return fromPriority ?? (urgency === 'high' ? 'SEVERITY_SEV2' : 'SEVERITY_SEV4');
}

export function pageUrgency(urgency: PagerdutyUrgency): PageUrgencyJson {
  return urgency === 'high' ? 'PAGE_URGENCY_HIGH' : 'PAGE_URGENCY_LOW';
}
