import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, streamFor, type NewCanonicalEvent } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import { isInWindow, isoOf, type TimeWindow } from '../shared/instant';
import { acceptsAutomaticRecognition } from '../shared/people';

/** The data of a RecognitionAwarded event, every field set. */
export interface Award {
  recognitionId: string;
  ruleId: string;
  ruleVersion: number;
  /** One person for a person's award; none for a team award. */
  personIds: string[];
  /** The teams of a team award; none for a person's award (the feed derives their teams). */
  teamSlugs: string[];
  /** The metric model's key of what it is for (`incident:…`, `pull_request:…`), or a shift's id. */
  subjectId: string;
  /** The events of the facts that satisfied the rule, sorted. */
  evidenceEventIds: string[];
  /** Positive, and never naming who caused an incident. */
  sentence: string;
  /** When the rule became satisfied (a fact's own time, never a clock), so a replay gives the same. */
  awardedAt: string;
}

/** The id a rule's award for a team award uses in place of a person: one team award per subject. */
export const TEAM_AWARD = 'teams';

/** At most one award per (rule, person or TEAM_AWARD, subject): the event id derives from them. */
export function recognitionIdOf(ruleId: string, personOrTeams: string, subjectId: string): string {
  return derivedEventId('recognition', ruleId, personOrTeams, subjectId);
}

interface AwardFacts {
  subjectId: string;
  evidenceEventIds: readonly string[];
  sentence: string;
  atMs: number;
}

/**
 * Collects one rule's awards: drops what falls outside the window, people who cannot be named
 * (unknown, bots) or who opted out of automatic recognitions, and repeats of an id.
 */
export class AwardList {
  private readonly byId = new Map<string, Award>();

  constructor(
    private readonly rule: { id: string; version: number },
    private readonly directory: Directory,
    private readonly window: TimeWindow | undefined,
  ) {}

  person(personId: string, facts: AwardFacts): void {
    if (!acceptsAutomaticRecognition(this.directory, personId)) return;
    this.add(recognitionIdOf(this.rule.id, personId, facts.subjectId), [personId], [], facts);
  }

  /**
   * A team award is one per (rule, subject): the set of teams can grow as late events arrive, and
   * the subject must still be recognized once. Opt-outs do not apply: no person is named.
   */
  teams(teamSlugs: readonly string[], facts: AwardFacts): void {
    this.add(recognitionIdOf(this.rule.id, TEAM_AWARD, facts.subjectId), [], [...teamSlugs], facts);
  }

  list(): Award[] {
    return [...this.byId.values()].sort(awardOrder);
  }

  private add(recognitionId: string, personIds: string[], teamSlugs: string[], facts: AwardFacts): void {
    if (!isInWindow(this.window, facts.atMs) || this.byId.has(recognitionId) || facts.evidenceEventIds.length === 0) return;
    this.byId.set(recognitionId, {
      recognitionId,
      ruleId: this.rule.id,
      ruleVersion: this.rule.version,
      personIds,
      teamSlugs,
      subjectId: facts.subjectId,
      evidenceEventIds: [...new Set(facts.evidenceEventIds)].sort(),
      sentence: facts.sentence,
      awardedAt: isoOf(facts.atMs),
    });
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Awards in a stable, readable order: by time, then rule, subject, who, and id. */
export function awardOrder(a: Award, b: Award): number {
  return (
    compareText(a.awardedAt, b.awardedAt) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.subjectId, b.subjectId) ||
    compareText([...a.personIds, ...a.teamSlugs].join(','), [...b.personIds, ...b.teamSlugs].join(',')) ||
    compareText(a.recognitionId, b.recognitionId)
  );
}

/**
 * The RecognitionAwarded event to append (validated like every produced event), and its stream.
 * No causation id: the evidence is several events, listed in the data.
 */
export function awardEvent(award: Award, correlationId?: string): { streamId: string; event: Extract<NewCanonicalEvent, { type: 'RecognitionAwarded' }> } {
  const event = newEvent(
    'RecognitionAwarded',
    award,
    {
      occurredAt: award.awardedAt,
      source: 'tandem',
      schemaVersion: CURRENT_SCHEMA_VERSION,
      ...(correlationId ? { correlationId } : {}),
    },
    award.recognitionId,
  );
  return { streamId: streamFor.recognition(award.recognitionId), event };
}
