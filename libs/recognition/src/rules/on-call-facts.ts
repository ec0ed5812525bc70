import type { CanonicalEvent, ExternalIdentityJson, OnCallRoleJson } from '@tandem/contracts';
import { entityKey, type EntityKey } from '@tandem/metrics';
import { epochMsOf } from '../shared/instant';

/**
 * What the recognition rules need beyond the metric model: who a page called on (the people on
 * call for it) and the completed on-call shifts. The metric model keeps neither (its pages hold
 * acknowledgements and responders only), so they are folded here from their own events.
 */
export interface PageOnCall {
  /** Notified at trigger or escalation, or assigned on reassignment; sorted by `tool:id`, each once. */
  onCall: readonly ExternalIdentityJson[];
}

export interface CompletedShift {
  eventId: string;
  tool: string;
  scheduleId: string;
  person: ExternalIdentityJson;
  role: OnCallRoleJson;
  startedAtMs: number;
  endedAtMs: number;
  alongside: readonly ExternalIdentityJson[];
}

export interface OnCallFacts {
  /** By the metric model's page key. */
  pages: ReadonlyMap<EntityKey, PageOnCall>;
  /** One per (tool, schedule, person, start), sorted by that key. */
  shifts: readonly CompletedShift[];
}

export const EMPTY_ON_CALL_FACTS: OnCallFacts = { pages: new Map(), shifts: [] };

function identityKey(identity: ExternalIdentityJson): string {
  return `${identity.tool ?? ''}:${identity.id ?? ''}`;
}

function shiftKey(shift: CompletedShift): string {
  return [shift.tool, shift.scheduleId, identityKey(shift.person), shift.startedAtMs].join('\u0000');
}

/** The events this fold reads: a projector keeps these to refold (all other events are ignored). */
export const ON_CALL_EVENT_TYPES = ['PageTriggered', 'PageEscalated', 'PageReassigned', 'OnCallShiftCompleted'] as const;

/**
 * The fold is a union of sets: the same events in any order, delivered any number of times, give
 * the same facts. A shift reported twice (same schedule, person and start) keeps the report with
 * the smallest event id, so which one wins does not depend on arrival order.
 */
export function foldOnCall(events: Iterable<CanonicalEvent>): OnCallFacts {
  const onCallByPage = new Map<EntityKey, Map<string, ExternalIdentityJson>>();
  const shifts = new Map<string, CompletedShift>();
  const call = (tool: string | undefined, pageId: string | undefined, people: readonly ExternalIdentityJson[] | undefined) => {
    if (!tool || !pageId) return;
    const key = entityKey.page(tool, pageId);
    let onCall = onCallByPage.get(key);
    if (!onCall) onCallByPage.set(key, (onCall = new Map()));
    for (const person of people ?? []) if (person.tool && person.id) onCall.set(identityKey(person), person);
  };
  for (const event of events) {
    switch (event.type) {
      case 'PageTriggered':
      case 'PageEscalated':
        call(event.data.tool, event.data.pageId, event.data.notified);
        break;
      case 'PageReassigned':
        call(event.data.tool, event.data.pageId, event.data.assignees);
        break;
      case 'OnCallShiftCompleted': {
        const shift = completedShift(event.eventId, event.data);
        if (!shift) break;
        const key = shiftKey(shift);
        const known = shifts.get(key);
        if (!known || shift.eventId < known.eventId) shifts.set(key, shift);
        break;
      }
      default:
        break;
    }
  }
  const pages = new Map<EntityKey, PageOnCall>();
  for (const key of [...onCallByPage.keys()].sort()) {
    const onCall = onCallByPage.get(key) ?? new Map<string, ExternalIdentityJson>();
    pages.set(key, { onCall: [...onCall.keys()].sort().map((identity) => onCall.get(identity) as ExternalIdentityJson) });
  }
  return { pages, shifts: [...shifts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, shift]) => shift) };
}

function completedShift(eventId: string, data: Extract<CanonicalEvent, { type: 'OnCallShiftCompleted' }>['data']): CompletedShift | null {
  const startedAtMs = epochMsOf(data.startedAt);
  const endedAtMs = epochMsOf(data.endedAt);
  if (!data.tool || !data.scheduleId || !data.person?.id || startedAtMs === null || endedAtMs === null) return null;
  return {
    eventId,
    tool: data.tool,
    scheduleId: data.scheduleId,
    person: data.person,
    role: data.role ?? 'ON_CALL_ROLE_UNSPECIFIED',
    startedAtMs,
    endedAtMs,
    alongside: data.alongside ?? [],
  };
}
