import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, type EventDataMap, type EventMetadata, type NewEvent } from '@tandem/contracts';
import type { DirectoryEventType } from '../model/directory-events';
import { toEpochMs, toIsoInstant, type Instant } from '../model/instant';

export type NewDirectoryEvent = { [Type in DirectoryEventType]: NewEvent<Type, EventDataMap[Type]> }[DirectoryEventType];

/** An event to append, with the stream of the entity it is about. */
export interface PlannedDirectoryEvent {
  streamId: string;
  event: NewDirectoryEvent;
}

export interface EventPlanOptions {
  /** When the changes take effect: the occurredAt of every planned event. */
  at: Instant;
  /** Who made the change: an admin's person id, or the import (`tandem.yaml`, `backstage`). */
  by: string;
  /** EventMetadata.source: `tandem.yaml`, `backstage`, `api`, `tandem`. */
  eventSource: string;
  /** Tells apart two plans of the same source, author and instant (two API mutations in one millisecond). */
  operationId?: string;
  /** EventMetadata.correlationId: the request that made the change. */
  correlationId?: string;
}

/** Where the last 32 bits of a uuid's text start: inside its last group, clear of the version and variant bits. */
const LOW_BITS_START = 28;

/**
 * The id of the `position`-th event of a plan: the plan's id with the position XORed into its
 * last 32 bits. Still a well-formed uuid, distinct per position, and as unlikely as any two
 * uuids to meet another plan's ids (they would have to share the other 90 hashed bits); one hash
 * per plan instead of one per event, which a 50,000-event first load notices.
 */
export function nthEventId(planId: string, position: number): string {
  const low = (Number.parseInt(planId.slice(LOW_BITS_START), 16) ^ position) >>> 0;
  return `${planId.slice(0, LOW_BITS_START)}${low.toString(16).padStart(8, '0')}`;
}

/**
 * Collects directory events in order. Ids derive from the plan (source, who, when) and the
 * event's position in it, so appending a retried plan again is a no-op.
 */
export class EventPlan {
  readonly atIso: string;
  readonly by: string;
  private readonly eventSource: string;
  private readonly correlationId?: string;
  private readonly planId: string;
  private readonly planned: PlannedDirectoryEvent[] = [];

  constructor(options: EventPlanOptions) {
    this.atIso = toIsoInstant(toEpochMs(options.at));
    this.by = options.by;
    this.eventSource = options.eventSource;
    this.correlationId = options.correlationId;
    const operation = options.operationId === undefined ? [] : [options.operationId];
    this.planId = derivedEventId('directory-plan', this.eventSource, this.by, this.atIso, ...operation);
  }

  add<Type extends DirectoryEventType>(
    streamId: string,
    type: Type,
    data: EventDataMap[Type],
    eventId: string = nthEventId(this.planId, this.planned.length),
  ): void {
    const metadata: EventMetadata = { occurredAt: this.atIso, source: this.eventSource, schemaVersion: CURRENT_SCHEMA_VERSION };
    if (this.correlationId !== undefined) metadata.correlationId = this.correlationId;
    this.planned.push({ streamId, event: newEvent(type, data, metadata, eventId) as NewDirectoryEvent });
  }

  events(): readonly PlannedDirectoryEvent[] {
    return this.planned;
  }
}
