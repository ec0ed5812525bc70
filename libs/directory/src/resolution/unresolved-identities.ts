import type { Directory } from '../model/directory';
import { isDirectoryEvent } from '../model/directory-events';
import { identityKey } from '../model/identity-keys';
import { identitiesOfEvent } from './event-identities';
import { observedIdentityOf, type ObservedIdentity } from './suggest-links';

/** An identity as seen across events: the latest name and email they gave it. */
export interface SeenIdentity {
  tool: string;
  id: string;
  name: string | null;
  email: string | null;
  /** Some event marked it a bot (GitHub `type: Bot`, Slack `bot_id` …). */
  bot: boolean;
  /** occurredAt of the earliest and latest events that named it. */
  firstSeenAt: string;
  lastSeenAt: string;
  /** How many events named it. */
  events: number;
}

export interface UnresolvedIdentity extends Omit<SeenIdentity, 'firstSeenAt' | 'lastSeenAt'> {
  /** One per identity: the tool and the id as the tool compares ids (GitHub logins ignore case …). */
  key: string;
  /** Null for an identity known only from an IdentityObserved event. */
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}

/**
 * The vendor identities the events (other than the directory's own) have named so far, one entry
 * per identity whatever the case a tool wrote it in. A fold: feed it every event once, in any order.
 * Small: it grows with the people and bots of the tools, not with the events.
 */
export class SeenIdentities {
  private readonly byKey = new Map<string, SeenIdentity>();

  record(event: { type: string; data: unknown; metadata: { occurredAt: string } }): void {
    if (isDirectoryEvent(event)) return;
    const at = event.metadata.occurredAt;
    for (const identity of identitiesOfEvent(event)) {
      const key = identityKey(identity);
      const seen = this.byKey.get(key);
      if (!seen) {
        this.byKey.set(key, { tool: identity.tool, id: identity.id, name: identity.name ?? null, email: identity.email ?? null, bot: identity.bot ?? false, firstSeenAt: at, lastSeenAt: at, events: 1 });
        continue;
      }
      seen.events += 1;
      seen.bot ||= identity.bot ?? false;
      if (at < seen.firstSeenAt) seen.firstSeenAt = at;
      // The latest name and email given win; an older one fills a gap.
      if (at >= seen.lastSeenAt) {
        seen.lastSeenAt = at;
        seen.name = identity.name ?? seen.name;
        seen.email = identity.email ?? seen.email;
      } else {
        seen.name ??= identity.name ?? null;
        seen.email ??= identity.email ?? null;
      }
    }
  }

  all(): readonly SeenIdentity[] {
    return [...this.byKey.values()];
  }
}

function fromPlaceholder(key: string, identity: ObservedIdentity): UnresolvedIdentity {
  return { key, tool: identity.tool, id: identity.id, name: identity.name ?? null, email: identity.email ?? null, bot: identity.bot ?? false, firstSeenAt: null, lastSeenAt: null, events: 0 };
}

/** Most seen first, then by key: the order of unresolvedIdentities, and of any page of it. */
export function compareUnresolvedIdentities(a: Pick<UnresolvedIdentity, 'events' | 'key'>, b: Pick<UnresolvedIdentity, 'events' | 'key'>): number {
  return b.events - a.events || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Identities seen in events that no person is linked to (neither configured nor linked by an
 * admin), bots left out: the identities of the unresolved people the directory holds
 * (IdentityObserved) and those `seen` that resolve to nobody. Most seen first. Their link
 * suggestions are suggestLinks(identity, directory): asked for the identities shown, not all.
 */
export function unresolvedIdentities(directory: Directory, seen: readonly SeenIdentity[]): UnresolvedIdentity[] {
  const byKey = new Map<string, UnresolvedIdentity>();
  for (const person of directory.unresolvedPeople()) {
    const identity = observedIdentityOf(person);
    if (identity) byKey.set(identityKey(identity), fromPlaceholder(identityKey(identity), identity));
  }
  for (const identity of seen) {
    const owner = directory.resolveIdentity(identity.tool, identity.id);
    if (owner !== undefined && !directory.person(owner)?.unresolved) continue;
    const key = identityKey(identity);
    const placeholder = byKey.get(key);
    byKey.set(key, {
      ...identity,
      key,
      name: identity.name ?? placeholder?.name ?? null,
      email: identity.email ?? placeholder?.email ?? null,
      bot: identity.bot || (placeholder?.bot ?? false),
    });
  }
  return [...byKey.values()]
    .filter((identity) => !identity.bot)
    .sort(compareUnresolvedIdentities);
}
