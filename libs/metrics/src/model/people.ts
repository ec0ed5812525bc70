import { unresolvedPersonId, type Directory } from '@tandem/directory';
import type { Actor } from '../shared/actor';

/**
 * Actors to people through the directory. Bots and service accounts are never people (metrics.md):
 * flagged by the vendor, or registered as bots. An identity linked to nobody is still a person,
 * the unresolved one the directory would create for it, with no team and no side.
 */
export class People {
  /**
   * Resolved people by tool, then vendor id (a person id under `person`): nested, so that a
   * look-up builds no key string. Each actor is resolved once, as the first one seen says.
   */
  private readonly cache = new Map<string, Map<string, string | null>>();

  constructor(readonly directory: Directory) {}

  /** The person behind an actor; null for automation (no actor) and for bots. */
  personOf(actor: Actor | null): string | null {
    if (actor === null) return null;
    const [tool, id] = 'personId' in actor ? ['person', actor.personId] : [actor.tool, actor.id];
    let byId = this.cache.get(tool);
    if (!byId) this.cache.set(tool, (byId = new Map()));
    let person = byId.get(id);
    if (person === undefined) byId.set(id, (person = this.resolve(actor)));
    return person;
  }

  isBot(actor: Actor | null): boolean {
    return actor !== null && this.personOf(actor) === null;
  }

  private resolve(actor: Actor): string | null {
    if ('personId' in actor) return this.directory.isBot(actor.personId) ? null : actor.personId;
    if (actor.bot) return null;
    const personId = this.directory.resolveIdentity(actor.tool, actor.id) ?? unresolvedPersonId(actor.tool, actor.id);
    return this.directory.isBot(personId) ? null : personId;
  }
}
