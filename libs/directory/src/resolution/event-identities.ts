import type { DescField, DescMessage } from '@bufbuild/protobuf';
import { EVENT_SCHEMAS, ExternalIdentitySchema, isEventType, type ExternalIdentityJson } from '@tandem/contracts';
import type { ObservedIdentity } from './suggest-links';

type Collect = (value: unknown, into: ObservedIdentity[]) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const collectIdentity: Collect = (value, into) => {
  if (!isRecord(value)) return;
  const { tool, id, name, email, bot } = value as ExternalIdentityJson;
  if (typeof tool === 'string' && tool.length > 0 && typeof id === 'string' && id.length > 0) {
    into.push({ tool, id, name: name ?? null, email: email ?? null, bot: bot === true });
  }
};

/** The message a field holds (alone, in a list or as map values), if any. */
function messageOf(field: DescField): DescMessage | undefined {
  if (field.fieldKind === 'message') return field.message;
  if (field.fieldKind === 'list' && field.listKind === 'message') return field.message;
  if (field.fieldKind === 'map' && field.mapKind === 'message') return field.message;
  return undefined;
}

/**
 * A collector of every ExternalIdentity in a message's proto3 JSON, made once per message type
 * from its descriptor: the schema says where identities are, so none is missed when a field is
 * added and nothing that merely looks like one (an ExternalRef: a repository, a channel) is taken.
 */
function collectorOf(message: DescMessage, visiting: Set<string>): Collect | undefined {
  if (message.typeName === ExternalIdentitySchema.typeName) return collectIdentity;
  if (visiting.has(message.typeName)) return undefined;
  visiting.add(message.typeName);
  const steps: { key: string; kind: DescField['fieldKind']; collect: Collect }[] = [];
  for (const field of message.fields) {
    const inner = messageOf(field);
    const collect = inner && collectorOf(inner, visiting);
    if (collect) steps.push({ key: field.jsonName, kind: field.fieldKind, collect });
  }
  visiting.delete(message.typeName);
  if (steps.length === 0) return undefined;
  return (value, into) => {
    if (!isRecord(value)) return;
    for (const { key, kind, collect } of steps) {
      const child = value[key];
      if (kind === 'list') {
        if (Array.isArray(child)) for (const item of child) collect(item, into);
      } else if (kind === 'map') {
        if (isRecord(child)) for (const item of Object.values(child)) collect(item, into);
      } else {
        collect(child, into);
      }
    }
  };
}

const collectors = new Map<string, Collect | null>();

/** The vendor identities (people, bots) an event names, as its data carries them; none for an unknown type. */
export function identitiesOfEvent(event: { type: string; data: unknown }): ObservedIdentity[] {
  let collect = collectors.get(event.type);
  if (collect === undefined) {
    collect = isEventType(event.type) ? (collectorOf(EVENT_SCHEMAS[event.type], new Set()) ?? null) : null;
    collectors.set(event.type, collect);
  }
  const identities: ObservedIdentity[] = [];
  collect?.(event.data, identities);
  return identities;
}
