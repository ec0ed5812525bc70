import type { Directory } from '@tandem/directory';
import { keyParts } from '@tandem/metrics';
import type { StoredRecognition } from '@tandem/persistence';
import { feedSentence, type FeedEvidence } from '@tandem/recognition';
import type { Person } from '../organization/organization.types';
import { Recognition, RecognitionEvidence, RecognitionKind } from './recognition.types';

const EVIDENCE_KINDS: Record<keyof FeedEvidence, string> = {
  incident: 'incident',
  pullRequest: 'pull_request',
  postmortem: 'postmortem',
  actionItem: 'action_item',
  onCallShift: 'on_call_shift',
};

function personOf(directory: Directory, personId: string): Person {
  return { id: personId, name: directory.person(personId)?.name ?? personId };
}

/** A link where the key says enough: GitHub pull requests. */
function urlOf(kind: keyof FeedEvidence, key: string): string | null {
  if (kind !== 'pullRequest') return null;
  const parts = keyParts(key, 'pull_request', 3);
  return parts && parts[0] === 'github' ? `https://github.com/${parts[1]}/pull/${parts[2]}` : null;
}

function evidenceOf(links: Record<string, string>): RecognitionEvidence[] {
  return Object.entries(links).flatMap(([kind, key]) => {
    const known = EVIDENCE_KINDS[kind as keyof FeedEvidence];
    return known ? [{ kind: known, id: key, title: null, url: urlOf(kind as keyof FeedEvidence, key) }] : [];
  });
}

/** A stored feed item as GraphQL shows it: people named as the directory names them now. */
export function recognitionOf(item: StoredRecognition, directory: Directory): Recognition {
  const kind = item.kind === 'KUDOS' ? RecognitionKind.KUDOS : RecognitionKind.AUTOMATIC;
  const sentenceInput = { kind: item.kind, to: item.to, message: item.message, ...(item.from ? { from: item.from } : {}) };
  return {
    id: item.id,
    kind,
    rule: item.rule,
    ruleVersion: item.ruleVersion,
    from: item.from ? personOf(directory, item.from) : null,
    to: item.to.map((personId) => personOf(directory, personId)),
    message: item.kind === 'KUDOS' ? item.message : null,
    sentence: feedSentence(sentenceInput, directory),
    teams: [...item.teams],
    values: [...item.values],
    evidence: evidenceOf(item.evidence.links),
    evidenceEventIds: [...item.evidence.eventIds],
    reactions: item.reactions,
    occurredAt: new Date(item.occurredAt),
  };
}
