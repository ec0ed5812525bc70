import { unresolvedPersonId, type Directory } from '@tandem/directory';
import { actorKey, type Actor } from '../shared/actor';

/**
 * Actors to people through the directory. Bots and service accounts are never people (metrics.md):
 * flagged by the vendor, or registered as bots. An identity linked to nobody is still a person,
 * the unresolved one the directory would create for it, with no team and no side.
 */
export class People {
  private readonly cache = new Map<string, string | null>();

  constructor(readonly directory: Directory) {}

  /** The person behind an actor; null for automation (no actor) and for bots. */
  personOf(actor: Actor | null): string | null {
    if (actor === null) return null;
    const key = actorKey(actor);
    let person = this.cache.get(key);
    if (person === undefined) {
      person = this.resolve(actor);
      this.cache.set(key, person);
    }
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
