import { streamFor, type ActionItemOutcomeJson } from '@tandem/contracts';
import type { DerivedEvent } from '../normalizer';
import { optionalTimeAt, timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import { INCIDENTIO, incidentioParticipant, type FieldPaths } from './incidentio-model';
import type { IncidentioFollowUp } from './incidentio-payload';

/**
 * incident.io follow-ups are post-mortem action items (postmortems.proto), on the stream
 * `actionitem-incidentio-<id>`. incident.io follow-ups have no due date: the configured default
 * (created + 30 days) applies.
 */

/** completed → COMPLETED; not_doing, and deleted (gone without being done) → NOT_DOING; else open. */
function outcomeOf(status: string): ActionItemOutcomeJson | undefined {
  if (status === 'completed') return 'ACTION_ITEM_OUTCOME_COMPLETED';
  if (status === 'not_doing' || status === 'deleted') return 'ACTION_ITEM_OUTCOME_NOT_DOING';
  return undefined;
}

/**
 * A closed follow-up: completed at `completed_at` when incident.io records it, else (not doing,
 * deleted) at the follow-up's `updated_at`. Who closed it is not in the payload: `closedBy` stays
 * unset rather than guessed from the assignee.
 */
function closedEvent(followUp: IncidentioFollowUp, paths: FieldPaths): DerivedEvent[] {
  const outcome = outcomeOf(followUp.status);
  if (!outcome) return [];
  const completedAt = outcome === 'ACTION_ITEM_OUTCOME_COMPLETED' ? optionalTimeAt(fromIsoTime, followUp.completed_at, paths.at('completed_at')) : undefined;
  const closedAt = completedAt ?? timeAt(fromIsoTime, followUp.updated_at, paths.at('updated_at'));
  return [
    {
      type: 'ActionItemClosed',
      streamId: streamFor.actionItem(INCIDENTIO, followUp.id),
      occurredAt: closedAt,
      data: { tool: INCIDENTIO, actionItemId: followUp.id, closedAt, outcome },
    },
  ];
}

/** `follow_up_created_v1/v2`: ActionItemCreated at `created_at`, and closed too if created done. */
export function followUpCreated(followUp: IncidentioFollowUp, paths: FieldPaths): DerivedEvent[] {
  const createdAt = timeAt(fromIsoTime, followUp.created_at, paths.at('created_at'));
  const assignee = incidentioParticipant(followUp.assignee);
  const createdBy = incidentioParticipant(followUp.creator?.user);
  return [
    {
      type: 'ActionItemCreated',
      streamId: streamFor.actionItem(INCIDENTIO, followUp.id),
      occurredAt: createdAt,
      data: {
        tool: INCIDENTIO,
        actionItemId: followUp.id,
        incident: { tool: INCIDENTIO, id: followUp.incident_id },
        ...(assignee ? { assignee } : {}),
        createdAt,
        ...(createdBy ? { createdBy } : {}),
      },
    },
    ...closedEvent(followUp, paths),
  ];
}

/**
 * `follow_up_updated_v1/v2`: the current assignee (unset = unassigned) at `updated_at`, folded
 * idempotently by the projection, and ActionItemClosed when the follow-up is now done or dropped.
 * A follow-up back to outstanding is not reported as reopened: the update does not say it was
 * closed before.
 */
export function followUpUpdated(followUp: IncidentioFollowUp, paths: FieldPaths): DerivedEvent[] {
  const updatedAt = timeAt(fromIsoTime, followUp.updated_at, paths.at('updated_at'));
  const assignee = incidentioParticipant(followUp.assignee);
  return [
    {
      type: 'ActionItemAssigned',
      streamId: streamFor.actionItem(INCIDENTIO, followUp.id),
      occurredAt: updatedAt,
      data: { tool: INCIDENTIO, actionItemId: followUp.id, ...(assignee ? { assignee } : {}), assignedAt: updatedAt },
    },
    ...closedEvent(followUp, paths),
  ];
}
