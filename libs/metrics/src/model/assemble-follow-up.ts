import type { Directory, KpiSettings } from '@tandem/directory';
import type { ActionItemFacts } from '../facts/action-item-facts';
import { entityKey, type EntityKey } from '../facts/entity-key';
import type { ToolRef } from '../facts/incident-facts';
import type { PostmortemFacts } from '../facts/postmortem-facts';
import type { ThreadFacts } from '../facts/thread-facts';
import type { Actor } from '../shared/actor';
import { SECOND_MS } from '../shared/millis';
import type { ActionItem, ChatThread, PersonAct, Postmortem } from './metric-model';
import type { People } from './people';
import { byTimeThenPerson } from '../shared/compare';

/** The incident a reference counts for, after merges. */
export type IncidentOf = (ref: ToolRef | null) => EntityKey | null;

function peopleOf(actors: readonly Actor[], people: People): string[] {
  const ids = new Set<string>();
  for (const actor of actors) {
    const personId = people.personOf(actor);
    if (personId !== null) ids.add(personId);
  }
  return [...ids].sort();
}

export function assemblePostmortem(postmortem: PostmortemFacts, people: People, incidentOf: IncidentOf): Postmortem {
  return {
    kind: 'postmortem',
    key: postmortem.key,
    incident: incidentOf(postmortem.incident),
    publishedAt: postmortem.publishedAt,
    authors: peopleOf(postmortem.authors, people),
    contributors: peopleOf(postmortem.contributors, people),
    reviewers: peopleOf(postmortem.reviewers, people),
    eventIds: postmortem.eventIds,
  };
}

/** An item's incident is the one it names, else its post-mortem's; its due date defaults to created + actionItemDue. */
export function assembleActionItem(
  item: ActionItemFacts,
  postmortems: ReadonlyMap<EntityKey, PostmortemFacts>,
  people: People,
  incidentOf: IncidentOf,
  settings: KpiSettings,
): ActionItem {
  const postmortem = item.postmortemId === null ? undefined : postmortems.get(entityKey.postmortem(item.ref.tool, item.postmortemId));
  const defaultDue = item.explicitDueAt === null;
  return {
    kind: 'action_item',
    key: item.key,
    incident: incidentOf(item.incident ?? postmortem?.incident ?? null),
    createdAt: item.createdAt,
    dueAt: item.explicitDueAt ?? (item.createdAt === null ? null : item.createdAt + settings.actionItemDueSeconds * SECOND_MS),
    defaultDue,
    closedAt: item.closedAt,
    outcome: item.outcome,
    assigneeId: people.personOf(item.assignee),
    assignedAt: item.assignedAt,
    eventIds: item.eventIds,
  };
}

export function assembleThread(thread: ThreadFacts, people: People, directory: Directory): ChatThread {
  const rootAuthor = thread.root === null ? null : people.personOf(thread.root.author);
  const replies: PersonAct[] = [];
  for (const reply of thread.replies) {
    const personId = people.personOf(reply.author);
    if (personId !== null) replies.push({ personId, at: reply.at });
  }
  return {
    kind: 'thread',
    key: thread.key,
    channel: { tool: thread.tool, id: thread.channelId },
    service: directory.serviceForChannel(thread.tool, thread.channelId) ?? null,
    root: thread.root === null || rootAuthor === null ? null : { personId: rootAuthor, at: thread.root.at },
    replies: replies.sort(byTimeThenPerson),
    eventIds: thread.eventIds,
  };
}
