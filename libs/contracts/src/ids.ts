import { hash } from 'node:crypto';
import { ContractError } from './errors';

/**
 * The root of every Tandem event id. Fixed forever: changing it would change every derived id,
 * and re-delivered webhooks would no longer deduplicate against stored events.
 */
export const TANDEM_EVENT_NAMESPACE = 'd4c57a86-18f2-4fd0-842e-323065e49986';

/**
 * The id of the `index`-th canonical event normalized from one webhook delivery. A redelivery
 * (same source and delivery id) yields the same ids, so appending it again is a no-op.
 */
export function deterministicEventId(source: string, deliveryId: string, index: number): string {
  return derivedEventId('webhook', source, deliveryId, index);
}

/**
 * The id of an event that does not come from a webhook delivery, from the facts that make it
 * unique, e.g. `derivedEventId('recognition', ruleId, personId, subjectId)` (a rule awards at
 * most once per person and subject) or `derivedEventId('config', 'TeamDefined', configHash, slug)`.
 * Each kind has its own namespace, so equal parts under different kinds never collide.
 */
export function derivedEventId(kind: string, ...parts: (string | number)[]): string {
  requireParts([kind, ...parts]);
  if (parts.length === 0) throw new ContractError('CONTRACTS_INVALID_ID_PART', `an event id of kind "${kind}" needs at least one part`);
  // A JSON array keeps the parts apart: ('a-b', 'c') and ('a', 'b-c') give different names.
  return uuidV5(JSON.stringify(parts), namespaceOfKind(kind));
}

/** A kind's namespace never changes; hashing it once per kind matters when a replay derives millions of ids. */
const kindNamespaces = new Map<string, Buffer>();
function namespaceOfKind(kind: string): Buffer {
  let namespace = kindNamespaces.get(kind);
  if (namespace === undefined) {
    namespace = uuidBytes(uuidV5(kind, uuidBytes(TANDEM_EVENT_NAMESPACE)));
    kindNamespaces.set(kind, namespace);
  }
  return namespace;
}

/**
 * RFC 9562 name-based uuid (version 5, SHA-1), as the `uuid` package's v5 computes it (the unit
 * tests hold them equal), faster: the namespace and the name's UTF-8 are written into one reused
 * buffer and hashed in one call (`crypto.hash`, no Hash object per id), where `uuid` parses the
 * namespace and copies the name into a new array on every call. Every appended event derives one.
 * Names are well-formed text (JSON.stringify escapes lone surrogates), whose UTF-8 is what `uuid`
 * hashes too.
 */
function uuidV5(name: string, namespace: Buffer): string {
  const input = hashInput(namespace.length + 3 * name.length);
  namespace.copy(input);
  const nameBytes = input.write(name, namespace.length, 'utf8');
  // Hex out: a Buffer digest costs more than the hash. The version and variant bits are set in the text.
  const hex = hash('sha1', input.subarray(0, namespace.length + nameBytes), 'hex');
  const variant = VARIANT_DIGITS[Number.parseInt(hex[16], 16) & 0x3];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The digit after the variant bits `10`: the top two bits of the byte's high nibble are replaced. */
const VARIANT_DIGITS = '89ab';

/** Reused by every id (hashing is synchronous, so no two ids share it at once); grown for a longer name. */
let scratch = Buffer.allocUnsafe(1024);
/** Room for `length` bytes (a UTF-16 unit is at most 3 bytes of UTF-8). */
function hashInput(length: number): Buffer {
  if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, 2 * scratch.length));
  return scratch;
}

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

/** Stream names, one per entity; the word before the first `-` is the stream's category. */
export const streamFor = {
  incident: (tool: string, id: string) => stream('incident', tool, id),
  page: (tool: string, pageId: string) => stream('page', tool, pageId),
  pullRequest: (tool: string, repo: string, number: number) => stream('pr', tool, repo, number),
  repository: (tool: string, repo: string) => stream('repo', tool, repo),
  deployment: (tool: string, deploymentId: string) => stream('deployment', tool, deploymentId),
  schedule: (tool: string, scheduleId: string) => stream('schedule', tool, scheduleId),
  postmortem: (tool: string, postmortemId: string) => stream('postmortem', tool, postmortemId),
  actionItem: (tool: string, actionItemId: string) => stream('actionitem', tool, actionItemId),
  channel: (tool: string, channelId: string) => stream('channel', tool, channelId),
  identity: (tool: string, id: string) => stream('identity', tool, id),
  person: (personId: string) => stream('person', personId),
  team: (slug: string) => stream('team', slug),
  service: (slug: string) => stream('service', slug),
  recognition: (recognitionId: string) => stream('recognition', recognitionId),
  organization: () => 'organization',
} as const;

function stream(category: string, ...parts: (string | number)[]): string {
  requireParts(parts);
  return [category, ...parts].join('-');
}

/** An empty part would silently merge distinct entities into one id or stream. */
function requireParts(parts: (string | number)[]): void {
  for (const part of parts) {
    const valid = typeof part === 'number' ? Number.isSafeInteger(part) && part >= 0 : part.length > 0;
    if (!valid) throw new ContractError('CONTRACTS_INVALID_ID_PART', `invalid id part ${JSON.stringify(part)}: expected a non-empty string or a non-negative integer`);
  }
}
