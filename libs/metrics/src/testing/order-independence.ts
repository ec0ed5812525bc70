import type { CanonicalEvent } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import { foldEvents } from '../facts/entity-facts';
import { buildMetricModel } from '../model/build-metric-model';
import type { MetricModel } from '../model/metric-model';

/** A small seeded generator (mulberry32): the same seed, the same shuffle. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function seededShuffle<Item>(items: readonly Item[], seed: number): Item[] {
  const random = seededRandom(seed);
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
  }
  return shuffled;
}

/** Every event delivered twice, in a seeded shuffled order: at-least-once and unordered delivery. */
export function deliveredTwiceShuffled(events: readonly CanonicalEvent[], seed = 42): CanonicalEvent[] {
  return seededShuffle([...events, ...events], seed);
}

/**
 * Test-only: what `compute` gives on the model of the events as written, after asserting that
 * the events delivered twice and shuffled give the same facts, the same model and the same result.
 */
export function expectOrderIndependent<Result>(events: readonly CanonicalEvent[], directory: Directory, compute: (model: MetricModel) => Result): Result {
  const facts = foldEvents(events);
  const model = buildMetricModel(facts, directory);
  const result = compute(model);
  for (const seed of [7, 42]) {
    const replayedFacts = foldEvents(deliveredTwiceShuffled(events, seed));
    expect(replayedFacts).toEqual(facts);
    const replayedModel = buildMetricModel(seededShuffle(replayedFacts, seed), directory);
    expect(replayedModel).toEqual(model);
    expect(compute(replayedModel)).toEqual(result);
  }
  return result;
}
