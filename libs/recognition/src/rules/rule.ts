import type { Directory } from '@tandem/directory';
import type { TimeWindow } from '../shared/instant';
import type { Award } from './award';
import type { RecognitionModel } from './recognition-model';

export const RULE_IDS = ['first_responder', 'bridge_builder', 'infra_contributor', 'postmortem_partner', 'follow_through', 'shadow_shift', 'restored_together'] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * An automatic recognition rule, versioned like a KPI definition: a change in what it rewards is a
 * new version, and `definition` says in words what this version rewards.
 */
export interface RecognitionRule {
  id: RuleId;
  version: number;
  definition: string;
  /** Every award the history supports (awardedAt in the window, if given); pure and order-free. */
  evaluate(model: RecognitionModel, directory: Directory, window?: TimeWindow): Award[];
}
