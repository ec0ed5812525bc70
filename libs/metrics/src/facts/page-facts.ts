import type { CanonicalEvent } from '@tandem/contracts';
import { actorKey, actorOfIdentity, type Actor } from '../shared/actor';
import { millisOf, type Millis } from '../shared/millis';
import { severityLevel, worseSeverity, type SeverityLevel } from '../shared/severity';
import { entityKey, type EntityKey } from './entity-key';
import { eventIdsOf, inFoldOrder } from './fold-order';
import type { TimedActor, ToolRef } from './incident-facts';

export interface ResponderRequest {
  at: Millis;
  responder: Actor;
  /** A declined request is not participation. */
  declined: boolean;
}

/** One page (a PagerDuty incident, an Opsgenie alert), folded from its own events. */
export interface PageFacts {
  kind: 'page';
  key: EntityKey;
  ref: ToolRef;
  /** The paging service (PagerDuty service, Opsgenie integration) that maps it to a service. */
  pagingServiceId: string | null;
  /** The incident the page belongs to. */
  incident: ToolRef | null;
  triggeredAt: Millis | null;
  /** When the first person was notified; the trigger time when the vendor does not say. */
  firstNotifiedAt: Millis | null;
  /** The worst over the page's life, as for incidents. */
  severity: SeverityLevel | null;
  acknowledgements: TimedActor[];
  responders: ResponderRequest[];
  eventIds: string[];
}

function emptyPage(ref: ToolRef): PageFacts {
  return {
    kind: 'page',
    key: entityKey.page(ref.tool, ref.id),
    ref,
    pagingServiceId: null,
    incident: null,
    triggeredAt: null,
    firstNotifiedAt: null,
    severity: null,
    acknowledgements: [],
    responders: [],
    eventIds: [],
  };
}

function respond(page: PageFacts, responder: Actor, at: Millis, declined: boolean): void {
  const key = actorKey(responder);
  const known = page.responders.find((request) => actorKey(request.responder) === key);
  if (known) known.declined = declined;
  else page.responders.push({ at, responder, declined });
}

function evolve(page: PageFacts, event: CanonicalEvent): void {
  switch (event.type) {
    case 'PageTriggered': {
      const { data } = event;
      page.pagingServiceId = data.pagingServiceId ?? page.pagingServiceId;
      if (data.incident?.tool && data.incident.id) page.incident = { tool: data.incident.tool, id: data.incident.id };
      page.triggeredAt = millisOf(data.triggeredAt);
      page.firstNotifiedAt = millisOf(data.firstNotifiedAt) ?? page.triggeredAt;
      page.severity = worseSeverity(page.severity, severityLevel(data.severity));
      return;
    }
    case 'PagePriorityChanged':
      page.severity = worseSeverity(page.severity, severityLevel(event.data.severity));
      return;
    case 'PageAcknowledged': {
      const at = millisOf(event.data.acknowledgedAt);
      if (at !== null) page.acknowledgements.push({ at, by: actorOfIdentity(event.data.by) });
      return;
    }
    case 'ResponderAdded': {
      const at = millisOf(event.data.addedAt);
      const responder = actorOfIdentity(event.data.responder);
      if (at !== null && responder) respond(page, responder, at, false);
      return;
    }
    case 'ResponderReplied': {
      // A reply seen without its request still says the person was asked.
      const at = millisOf(event.data.repliedAt);
      const responder = actorOfIdentity(event.data.responder);
      if (at !== null && responder) respond(page, responder, at, event.data.accepted !== true);
      return;
    }
    default:
      return;
  }
}

export function foldPage(ref: ToolRef, events: readonly CanonicalEvent[]): PageFacts {
  const ordered = inFoldOrder(events);
  const page = emptyPage(ref);
  for (const event of ordered) evolve(page, event);
  page.eventIds = eventIdsOf(ordered);
  return page;
}
