import type { CanonicalEvent } from '@tandem/contracts';
import { actorsOfParticipants, type Actor } from '../shared/actor';
import { earliest, millisOf, type Millis } from '../shared/millis';
import { entityKey, type EntityKey } from './entity-key';
import { eventIdsOf, inFoldOrder } from './fold-order';
import type { ToolRef } from './incident-facts';

export interface PostmortemFacts {
  kind: 'postmortem';
  key: EntityKey;
  ref: ToolRef;
  incident: ToolRef | null;
  /** The first publication (a republished document does not move its deadline). */
  publishedAt: Millis | null;
  /** As they stand at the latest publication; the start's authors when the publication names none. */
  authors: Actor[];
  contributors: Actor[];
  reviewers: Actor[];
  eventIds: string[];
}

export function foldPostmortem(ref: ToolRef, events: readonly CanonicalEvent[]): PostmortemFacts {
  const ordered = inFoldOrder(events);
  const postmortem: PostmortemFacts = {
    kind: 'postmortem',
    key: entityKey.postmortem(ref.tool, ref.id),
    ref,
    incident: null,
    publishedAt: null,
    authors: [],
    contributors: [],
    reviewers: [],
    eventIds: eventIdsOf(ordered),
  };
  let startAuthors: Actor[] = [];
  let publishedAuthors: Actor[] = [];
  for (const event of ordered) {
    if (event.type === 'PostmortemStarted') {
      const { data } = event;
      if (data.incident?.tool && data.incident.id) postmortem.incident ??= { tool: data.incident.tool, id: data.incident.id };
      startAuthors = actorsOfParticipants(data.authors);
    } else if (event.type === 'PostmortemPublished') {
      const { data } = event;
      if (data.incident?.tool && data.incident.id) postmortem.incident = { tool: data.incident.tool, id: data.incident.id };
      postmortem.publishedAt = earliest(postmortem.publishedAt, millisOf(data.publishedAt));
      publishedAuthors = actorsOfParticipants(data.authors);
      postmortem.contributors = actorsOfParticipants(data.contributors);
      postmortem.reviewers = actorsOfParticipants(data.reviewers);
    }
  }
  postmortem.authors = publishedAuthors.length > 0 ? publishedAuthors : startAuthors;
  return postmortem;
}
