import { ContractError } from './errors';
import type { EventMetadata, JsonObject } from './envelope';

/** The version of `proto/tandem/events/v<N>` that producers write today. */
export const CURRENT_SCHEMA_VERSION = 1;

/** Lifts one event type's data from schema version `fromVersion` to `fromVersion + 1`. */
export type Upcaster = (data: JsonObject) => JsonObject;

export interface UpcasterDefinition {
  type: string;
  fromVersion: number;
  upcast: Upcaster;
}

/** Upcasters by `(type, fromVersion)`; build it with defineUpcasters. */
export type UpcasterRegistry = ReadonlyMap<string, Upcaster>;

export function defineUpcasters(definitions: readonly UpcasterDefinition[]): UpcasterRegistry {
  const registry = new Map<string, Upcaster>();
  for (const { type, fromVersion, upcast } of definitions) {
    const key = registryKey(type, fromVersion);
    if (registry.has(key)) throw new Error(`two upcasters for ${type} from schema version ${fromVersion}`);
    registry.set(key, upcast);
  }
  return registry;
}

/** The upcasters of this code base: none while every schema is at version 1. */
export const UPCASTERS: UpcasterRegistry = defineUpcasters([]);

/**
 * Lifts a stored event to `targetVersion` one version at a time. A version step without an
 * upcaster for the type leaves the data as it is: a new schema version changes only some types.
 * Returns the same object when there is nothing to do, so reading current events costs nothing.
 */
export function upcastEvent<E extends { type: string; data: JsonObject; metadata: EventMetadata }>(
  event: E,
  registry: UpcasterRegistry,
  targetVersion: number = CURRENT_SCHEMA_VERSION,
): E {
  const from = event.metadata.schemaVersion;
  if (!Number.isSafeInteger(from) || from < 1 || from > targetVersion) {
    throw new ContractError(
      'CONTRACTS_UNSUPPORTED_SCHEMA_VERSION',
      `${event.type} has schema version ${from}; this code reads versions 1 to ${targetVersion}`,
    );
  }
  if (from === targetVersion) return event;
  let data = event.data;
  for (let version = from; version < targetVersion; version += 1) {
    const upcast = registry.get(registryKey(event.type, version));
    if (upcast) data = upcast(data);
  }
  return { ...event, data, metadata: { ...event.metadata, schemaVersion: targetVersion } };
}

function registryKey(type: string, fromVersion: number): string {
  return `${type}@${fromVersion}`;
}
