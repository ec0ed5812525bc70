import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, type EventDataMap, type NewEvent } from '@tandem/contracts';
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
}

/**
 * Collects directory events in order. Ids derive from the plan (who, when, position), so
 * appending a retried plan again is a no-op.
 */
export class EventPlan {
  readonly atIso: string;
  readonly by: string;
  private readonly eventSource: string;
  private readonly planned: PlannedDirectoryEvent[] = [];

  constructor(options: EventPlanOptions) {
    this.atIso = toIsoInstant(toEpochMs(options.at));
    this.by = options.by;
    this.eventSource = options.eventSource;
  }

  add<Type extends DirectoryEventType>(
    streamId: string,
    type: Type,
    data: EventDataMap[Type],
    eventId: string = derivedEventId('directory-plan', this.eventSource, this.by, this.atIso, this.planned.length),
  ): void {
    const metadata = { occurredAt: this.atIso, source: this.eventSource, schemaVersion: CURRENT_SCHEMA_VERSION };
    this.planned.push({ streamId, event: newEvent(type, data, metadata, eventId) as NewDirectoryEvent });
  }

  events(): readonly PlannedDirectoryEvent[] {
    return this.planned;
  }
}
