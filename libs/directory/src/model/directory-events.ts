import type { EventDataMap, EventMetadata } from '@tandem/contracts';

/** The canonical events the directory is the fold of. */
export const DIRECTORY_EVENT_TYPES = [
  'OrganizationConfigured',
  'TeamDefined',
  'TeamRetired',
  'PersonRegistered',
  'PersonUpdated',
  'PersonErased',
  'IdentityLinked',
  'IdentityUnlinked',
  'IdentityObserved',
  'TeamMembershipChanged',
  'ServiceDefined',
  'ServiceRetired',
  'WorkingHoursSet',
  'RecognitionOptOutChanged',
] as const satisfies readonly (keyof EventDataMap)[];

export type DirectoryEventType = (typeof DIRECTORY_EVENT_TYPES)[number];

/**
 * What the directory reads of an event: its type, data and when it took effect. Both a stored
 * event (RecordedEvent) and one about to be appended (NewEvent) have this shape.
 */
export type DirectoryEvent = {
  [Type in DirectoryEventType]: { type: Type; data: EventDataMap[Type]; metadata: Pick<EventMetadata, 'occurredAt'> };
}[DirectoryEventType];

/** Lets a projector pick the directory's events out of the global stream. */
export function isDirectoryEvent(event: { type: string }): event is DirectoryEvent {
  return (DIRECTORY_EVENT_TYPES as readonly string[]).includes(event.type);
}
