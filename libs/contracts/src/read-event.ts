import { ContractError } from './errors';
import type { RecordedEvent } from './envelope';
import { isEventType, type CanonicalEvent } from './events';
import { CURRENT_SCHEMA_VERSION, UPCASTERS, upcastEvent, type UpcasterRegistry } from './upcast';
import { validateEventData } from './validate';

/**
 * Turns an event read from the store into a CanonicalEvent: lifted to the current schema version,
 * then typed. Data at the current version was validated when it was appended (newEvent), so it is
 * not decoded again (rebuilds read hundreds of millions of events); upcasted data is validated,
 * since an upcaster is new code.
 */
export function readCanonicalEvent(
  event: RecordedEvent,
  upcasters: UpcasterRegistry = UPCASTERS,
  // Only tests pass another value, to play a future version against today's schemas.
  currentVersion: number = CURRENT_SCHEMA_VERSION,
): CanonicalEvent {
  if (!isEventType(event.type)) {
    throw new ContractError('CONTRACTS_INVALID_EVENT_DATA', `unknown event type "${event.type}" at position ${event.globalPosition}`);
  }
  const current = upcastEvent(event, upcasters, currentVersion);
  if (current === event) return event as CanonicalEvent;
  const result = validateEventData(current.type, current.data);
  if (!result.ok) {
    throw new ContractError(
      'CONTRACTS_INVALID_EVENT_DATA',
      `${event.type} upcasted from schema version ${event.metadata.schemaVersion}: ${result.reason}`,
    );
  }
  return { ...current, type: result.type, data: result.data } as CanonicalEvent;
}
