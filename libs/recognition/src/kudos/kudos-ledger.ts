import type { CanonicalEvent, KudosGivenJson } from '@tandem/contracts';
import { epochMsOf } from '../shared/instant';

/** One kudos already given, as the limits read it. */
export interface RecordedKudos {
  kudosId: string;
  fromPersonId: string;
  toPersonIds: readonly string[];
  givenAtMs: number;
}

/** The kudos each person has given, earliest first (then by kudos id): what decideKudos reads. */
export interface KudosHistory {
  kudosBy(personId: string): readonly RecordedKudos[];
}

/** The order kudos are counted in: by time, then id, so equal instants still have one order. */
export function isCountedBefore(kudos: Pick<RecordedKudos, 'givenAtMs' | 'kudosId'>, atMs: number, kudosId: string): boolean {
  return kudos.givenAtMs < atMs || (kudos.givenAtMs === atMs && kudos.kudosId < kudosId);
}

/**
 * The fold of KudosGiven events a projector keeps for the limits. Recording is idempotent (by
 * kudos id) and order-free, so a replay or a redelivery leaves it as it was.
 */
export class KudosLedger implements KudosHistory {
  private readonly known = new Set<string>();
  private readonly byGiver = new Map<string, RecordedKudos[]>();
  private readonly unsortedGivers = new Set<string>();

  static of(events: Iterable<Pick<CanonicalEvent, 'type' | 'data'>>): KudosLedger {
    const ledger = new KudosLedger();
    for (const event of events) if (event.type === 'KudosGiven') ledger.record(event.data as KudosGivenJson);
    return ledger;
  }

  record(kudos: KudosGivenJson): this {
    const givenAtMs = epochMsOf(kudos.givenAt);
    if (!kudos.kudosId || !kudos.fromPersonId || givenAtMs === null || this.known.has(kudos.kudosId)) return this;
    this.known.add(kudos.kudosId);
    const recorded: RecordedKudos = { kudosId: kudos.kudosId, fromPersonId: kudos.fromPersonId, toPersonIds: kudos.toPersonIds ?? [], givenAtMs };
    const given = this.byGiver.get(recorded.fromPersonId);
    if (given) given.push(recorded);
    else this.byGiver.set(recorded.fromPersonId, [recorded]);
    this.unsortedGivers.add(recorded.fromPersonId);
    return this;
  }

  has(kudosId: string): boolean {
    return this.known.has(kudosId);
  }

  kudosBy(personId: string): readonly RecordedKudos[] {
    const given = this.byGiver.get(personId);
    if (!given) return [];
    // Sorted lazily: a rebuild records thousands of kudos per giver before the first question.
    if (this.unsortedGivers.delete(personId)) given.sort((a, b) => a.givenAtMs - b.givenAtMs || (a.kudosId < b.kudosId ? -1 : a.kudosId > b.kudosId ? 1 : 0));
    return given;
  }
}
