import type { CanonicalEvent, KudosGivenJson, RecognitionAwardedJson } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import { kindOfKey } from '@tandem/metrics';
import { epochMsOf } from '../shared/instant';
import { acceptsAutomaticRecognition } from '../shared/people';

/** What a feed item links to, for "explain this recognition" (metric model keys). */
export interface FeedEvidence {
  incident?: string;
  pullRequest?: string;
  postmortem?: string;
  actionItem?: string;
  onCallShift?: string;
}

/**
 * One item of the recognition feed (GraphQL `Recognition`): a kudos between people, or an
 * automatic recognition of people or teams. People are person ids (the API resolves names).
 */
export interface FeedItem {
  id: string;
  kind: 'KUDOS' | 'AUTOMATIC';
  /** The rule of an automatic recognition. */
  rule?: string;
  ruleVersion?: number;
  /** The giver of a kudos. */
  from?: string;
  to: string[];
  /** The teams involved as of the item: of the giver and recipients, or the recognized teams. */
  teams: string[];
  /** The kudos reason, or the recognition's sentence. */
  message: string;
  values: string[];
  occurredAt: string;
  evidence: FeedEvidence;
}

/** What an award's subject links to: the metric model key under its kind. */
export function feedEvidenceOf(subjectId: string): FeedEvidence {
  if (subjectId.startsWith('schedule-')) return { onCallShift: subjectId };
  switch (kindOfKey(subjectId)) {
    case 'incident':
      return { incident: subjectId };
    case 'pull_request':
      return { pullRequest: subjectId };
    case 'postmortem':
      return { postmortem: subjectId };
    case 'action_item':
      return { actionItem: subjectId };
    default:
      return {};
  }
}

function teamsAt(directory: Directory, people: readonly string[], at: string): string[] {
  return people.flatMap((personId) => directory.teamsOf(personId, at));
}

export function kudosFeedItem(kudos: KudosGivenJson, directory: Directory): FeedItem | null {
  if (!kudos.kudosId || !kudos.fromPersonId || !kudos.givenAt || epochMsOf(kudos.givenAt) === null) return null;
  const to = kudos.toPersonIds ?? [];
  return {
    id: kudos.kudosId,
    kind: 'KUDOS',
    from: kudos.fromPersonId,
    to: [...to],
    teams: [...new Set(teamsAt(directory, [kudos.fromPersonId, ...to], kudos.givenAt))].sort(),
    message: kudos.message ?? '',
    values: [...(kudos.values ?? [])],
    occurredAt: kudos.givenAt,
    evidence: {},
  };
}

/**
 * An automatic recognition as the feed shows it; null when every person it names has since opted
 * out (an award emitted before the opt-out stays in the history but is no longer shown).
 */
export function awardFeedItem(award: RecognitionAwardedJson, directory: Directory): FeedItem | null {
  if (!award.recognitionId || !award.ruleId || !award.awardedAt || !award.subjectId || epochMsOf(award.awardedAt) === null) return null;
  const named = award.personIds ?? [];
  const to = named.filter((personId) => acceptsAutomaticRecognition(directory, personId));
  const teamSlugs = award.teamSlugs ?? [];
  if (to.length === 0 && teamSlugs.length === 0) return null;
  return {
    id: award.recognitionId,
    kind: 'AUTOMATIC',
    rule: award.ruleId,
    ...(award.ruleVersion !== undefined ? { ruleVersion: award.ruleVersion } : {}),
    to,
    teams: [...new Set([...teamSlugs, ...teamsAt(directory, to, award.awardedAt)])].sort(),
    message: award.sentence ?? '',
    values: [],
    occurredAt: award.awardedAt,
    evidence: feedEvidenceOf(award.subjectId),
  };
}

export function feedItemOf(event: Pick<CanonicalEvent, 'type' | 'data'>, directory: Directory): FeedItem | null {
  if (event.type === 'KudosGiven') return kudosFeedItem(event.data as KudosGivenJson, directory);
  if (event.type === 'RecognitionAwarded') return awardFeedItem(event.data as RecognitionAwardedJson, directory);
  return null;
}

/**
 * Newest first; equal instants by id, descending, so pages of the feed never shuffle (the read
 * model's (occurred_ms, id) index read backwards gives the same order).
 */
export function newestFirst(a: FeedItem, b: FeedItem): number {
  const at = (epochMsOf(b.occurredAt) ?? 0) - (epochMsOf(a.occurredAt) ?? 0);
  return at !== 0 ? at : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** recognitionFeed(team, person, since): `person` matches the giver or a recipient. */
export interface FeedFilter {
  team?: string;
  person?: string;
  since?: string;
}

export function matchesFeedFilter(item: FeedItem, filter: FeedFilter): boolean {
  if (filter.team !== undefined && !item.teams.includes(filter.team)) return false;
  if (filter.person !== undefined && item.from !== filter.person && !item.to.includes(filter.person)) return false;
  const since = epochMsOf(filter.since);
  return since === null || (epochMsOf(item.occurredAt) ?? 0) >= since;
}

/** The feed of a batch of events: kudos and recognitions, each once, newest first, filtered. */
export function feedOf(events: Iterable<Pick<CanonicalEvent, 'type' | 'data'>>, directory: Directory, filter: FeedFilter = {}): FeedItem[] {
  const items = new Map<string, FeedItem>();
  for (const event of events) {
    const item = feedItemOf(event, directory);
    if (item && !items.has(item.id) && matchesFeedFilter(item, filter)) items.set(item.id, item);
  }
  return [...items.values()].sort(newestFirst);
}
