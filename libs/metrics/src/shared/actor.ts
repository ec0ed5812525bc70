import type { ExternalIdentityJson, ParticipantJson } from '@tandem/contracts';

/**
 * Who did something, as the event says it: a vendor identity (resolved to a person later, through
 * the directory as of the KPI's computation, so linking an identity re-attributes history) or a
 * person id already resolved by Tandem's API.
 */
export type Actor = { readonly personId: string } | { readonly tool: string; readonly id: string; readonly bot: boolean };

/** Null when the event names nobody: the act was automation. */
export function actorOfIdentity(identity: ExternalIdentityJson | undefined): Actor | null {
  if (!identity?.tool || !identity.id) return null;
  return { tool: identity.tool, id: identity.id, bot: identity.bot === true };
}

export function actorOfParticipant(participant: ParticipantJson | undefined): Actor | null {
  if (participant?.personId) return { personId: participant.personId };
  return actorOfIdentity(participant?.identity);
}

export function actorsOfParticipants(participants: readonly ParticipantJson[] | undefined): Actor[] {
  const actors: Actor[] = [];
  for (const participant of participants ?? []) {
    const actor = actorOfParticipant(participant);
    if (actor) actors.push(actor);
  }
  return actors;
}

/** A stable key per actor, for de-duplication inside one entity. */
export function actorKey(actor: Actor): string {
  return 'personId' in actor ? `person:${actor.personId}` : `${actor.tool}:${actor.id}`;
}
