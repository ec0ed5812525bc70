import type { CanonicalEvent } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import { evaluateRules, recognitionModelOf, type Award, type RecognitionRule, type TimeWindow } from '@tandem/recognition';
import { testDirectory } from './recognition-organization';
import { deliveredTwiceShuffled } from './recognition-events';

/**
 * Test-only: a rule's awards on the history as written, after asserting that the same events
 * delivered twice, in two shuffled orders, give exactly the same awards (same ids, same order).
 */
export function awardsOf(rule: RecognitionRule, events: readonly CanonicalEvent[], options: { directory?: Directory; window?: TimeWindow } = {}): Award[] {
  const directory = options.directory ?? testDirectory;
  const awards = rule.evaluate(recognitionModelOf(events, directory), directory, options.window);
  for (const seed of [7, 42]) {
    expect(rule.evaluate(recognitionModelOf(deliveredTwiceShuffled(events, seed), directory), directory, options.window)).toEqual(awards);
  }
  return awards;
}

/** evaluateRules with the same replay check. */
export function allAwardsOf(events: readonly CanonicalEvent[], directory: Directory = testDirectory, window?: TimeWindow): Award[] {
  const awards = evaluateRules(recognitionModelOf(events, directory), directory, { window });
  for (const seed of [7, 42]) expect(evaluateRules(recognitionModelOf(deliveredTwiceShuffled(events, seed), directory), directory, { window })).toEqual(awards);
  return awards;
}

/** Who got what, for compact expectations: "rule person-or-teams subject". */
export function summary(awards: readonly Award[]): string[] {
  return awards.map((award) => `${award.ruleId} ${[...award.personIds, ...award.teamSlugs].join('+')} ${award.subjectId}`);
}
