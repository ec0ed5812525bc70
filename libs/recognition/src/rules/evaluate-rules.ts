import type { Directory } from '@tandem/directory';
import type { TimeWindow } from '../shared/instant';
import { awardOrder, type Award } from './award';
import { bridgeBuilderV1 } from './bridge-builder';
import { firstResponderV1 } from './first-responder';
import { followThroughV1 } from './follow-through';
import { infraContributorV1 } from './infra-contributor';
import { postmortemPartnerV1 } from './postmortem-partner';
import type { RecognitionModel } from './recognition-model';
import { restoredTogetherV1 } from './restored-together';
import type { RecognitionRule } from './rule';
import { shadowShiftV1 } from './shadow-shift';

/** The rules in force: the latest version of each. */
export const RECOGNITION_RULES: readonly RecognitionRule[] = [
  firstResponderV1,
  bridgeBuilderV1,
  infraContributorV1,
  postmortemPartnerV1,
  followThroughV1,
  shadowShiftV1,
  restoredTogetherV1,
];

export interface EvaluationOptions {
  window?: TimeWindow;
  /** Another set of rules (e.g. older versions, for a replay under them). */
  rules?: readonly RecognitionRule[];
}

/**
 * Every award the history supports, from every rule not switched off in tandem.yaml
 * (`recognition.disabledRules`), sorted by time then id. The same events, delivered in any order
 * and any number of times, give the same awards with the same ids; appending them again is a no-op.
 */
export function evaluateRules(model: RecognitionModel, directory: Directory, options: EvaluationOptions = {}): Award[] {
  const disabled = new Set(directory.settings.recognition.disabledRules);
  const awards = new Map<string, Award>();
  for (const rule of options.rules ?? RECOGNITION_RULES) {
    if (disabled.has(rule.id)) continue;
    for (const award of rule.evaluate(model, directory, options.window)) if (!awards.has(award.recognitionId)) awards.set(award.recognitionId, award);
  }
  return [...awards.values()].sort(awardOrder);
}
