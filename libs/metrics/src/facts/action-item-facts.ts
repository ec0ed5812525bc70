import type { ActionItemOutcomeJson, CanonicalEvent } from '@tandem/contracts';
import { actorOfParticipant, type Actor } from '../shared/actor';
import { millisOf, type Millis } from '../shared/millis';
import { entityKey, type EntityKey } from './entity-key';
import { eventIdsOf, inFoldOrder } from './fold-order';
import type { ToolRef } from './incident-facts';

export type ActionItemOutcome = 'completed' | 'not_doing' | 'unspecified';

const OUTCOME_OF_JSON: Readonly<Record<ActionItemOutcomeJson, ActionItemOutcome>> = {
  ACTION_ITEM_OUTCOME_UNSPECIFIED: 'unspecified',
  ACTION_ITEM_OUTCOME_COMPLETED: 'completed',
  ACTION_ITEM_OUTCOME_NOT_DOING: 'not_doing',
};

export interface ActionItemFacts {
  kind: 'action_item';
  key: EntityKey;
  ref: ToolRef;
  incident: ToolRef | null;
  postmortemId: string | null;
  createdAt: Millis | null;
  /** The due date set on the item; null: the configured default (created + 30 days) applies. */
  explicitDueAt: Millis | null;
  /** Null while open: a reopen clears it until the next close. */
  closedAt: Millis | null;
  outcome: ActionItemOutcome | null;
  assignee: Actor | null;
  assignedAt: Millis | null;
  eventIds: string[];
}

function evolve(item: ActionItemFacts, event: CanonicalEvent): void {
  switch (event.type) {
    case 'ActionItemCreated': {
      const { data } = event;
      if (data.incident?.tool && data.incident.id) item.incident = { tool: data.incident.tool, id: data.incident.id };
      item.postmortemId = data.postmortemId ?? item.postmortemId;
      item.createdAt = millisOf(data.createdAt);
      item.explicitDueAt = millisOf(data.dueAt);
      const assignee = actorOfParticipant(data.assignee);
      if (assignee) {
        item.assignee = assignee;
        item.assignedAt = item.createdAt;
      }
      return;
    }
    case 'ActionItemAssigned':
      item.assignee = actorOfParticipant(event.data.assignee);
      item.assignedAt = millisOf(event.data.assignedAt);
      return;
    case 'ActionItemDueDateChanged':
      item.explicitDueAt = millisOf(event.data.dueAt);
      return;
    case 'ActionItemClosed':
      item.closedAt = millisOf(event.data.closedAt);
      item.outcome = OUTCOME_OF_JSON[event.data.outcome ?? 'ACTION_ITEM_OUTCOME_UNSPECIFIED'];
      return;
    case 'ActionItemReopened':
      item.closedAt = null;
      item.outcome = null;
      return;
    default:
      return;
  }
}

export function foldActionItem(ref: ToolRef, events: readonly CanonicalEvent[]): ActionItemFacts {
  const ordered = inFoldOrder(events);
  const item: ActionItemFacts = {
    kind: 'action_item',
    key: entityKey.actionItem(ref.tool, ref.id),
    ref,
    incident: null,
    postmortemId: null,
    createdAt: null,
    explicitDueAt: null,
    closedAt: null,
    outcome: null,
    assignee: null,
    assignedAt: null,
    eventIds: eventIdsOf(ordered),
  };
  for (const event of ordered) evolve(item, event);
  return item;
}
