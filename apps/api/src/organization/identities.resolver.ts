import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  compareUnresolvedIdentities,
  DirectoryChangeError,
  planIdentityLink,
  planIdentityUnlink,
  planMembershipChange,
  suggestLinks,
  type IdentityChangeOptions,
  type PlannedDirectoryEvent,
  type UnresolvedIdentity as UnresolvedRecord,
} from '@tandem/directory';
import { AuditPersonRead, Roles } from '../access/access.decorators';
import type { ApiContext } from '../context/api-context';
import { badUserInput, notFound } from '../graphql/errors/api-errors';
import { PageArgs, pageRequest, toConnection } from '../graphql/pagination/connection';
import { decodeCursor, encodeCursor } from '../graphql/pagination/cursor';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';
import { DirectoryService } from './directory.service';
import { PersonLoader } from './organization.loaders';
import { IdentityLinkResult, LinkSuggestion, LinkSuggestionRule, MembershipChangeResult, UnresolvedIdentity, UnresolvedIdentityConnection } from './organization.types';

const LIST = 'unresolvedIdentities';
const MAX_SUGGESTIONS = 10;

/** The UnresolvedIdentity of the schema, keeping the directory's record for its suggestions. */
type UnresolvedNode = UnresolvedIdentity & { record: UnresolvedRecord };

function nodeOf(record: UnresolvedRecord): UnresolvedNode {
  const instant = (iso: string | null) => (iso === null ? null : new Date(iso));
  return {
    source: record.tool,
    externalId: record.id,
    name: record.name,
    email: record.email,
    firstSeenAt: instant(record.firstSeenAt),
    lastSeenAt: instant(record.lastSeenAt),
    events: record.events,
    record,
  };
}

function cursorKey(cursor: string): Pick<UnresolvedRecord, 'events' | 'key'> {
  const [events, key] = decodeCursor(LIST, cursor);
  if (typeof events !== 'number' || typeof key !== 'string') throw badUserInput('after: not a cursor of this list');
  return { events, key };
}

/** A change the directory refused, as the client's error. */
function asUserInput(error: unknown): unknown {
  if (!(error instanceof DirectoryChangeError)) return error;
  return error.code === 'DIRECTORY_UNKNOWN_PERSON' || error.code === 'DIRECTORY_UNKNOWN_TEAM' ? notFound(error.message) : badUserInput(error.message);
}

/**
 * Identity resolution and membership corrections, for admins: the identities events named that
 * nobody is linked to, with suggestions, and the mutations that link, unlink and change a
 * membership. Each mutation appends a directory event that says who made it (the admin's API
 * token, `token:<id>`, in linkedBy / unlinkedBy / changedBy, and the request's correlation id),
 * and answers once the API's directory has it: KPIs re-attribute history on their next read.
 */
@Resolver(() => UnresolvedIdentity)
@Roles('admin')
export class IdentitiesResolver {
  constructor(
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(PersonLoader) private readonly people: PersonLoader,
  ) {}

  @Query(() => UnresolvedIdentityConnection, { description: 'Identities events named that no person is linked to, bots left out, most seen first. For admins.' })
  @AuditPersonRead(() => 'identities:unresolved')
  unresolvedIdentities(@Args({ type: () => PageArgs }) args: PageArgs): UnresolvedIdentityConnection {
    const request = pageRequest(args);
    const after = request.after === undefined ? undefined : cursorKey(request.after);
    const records = this.directory.unresolved().filter((record) => after === undefined || compareUnresolvedIdentities(record, after) > 0);
    return toConnection(records.slice(0, request.limit + 1), request, nodeOf, (record) => encodeCursor(LIST, [record.events, record.key]));
  }

  @ResolveField(() => [LinkSuggestion], { description: 'Known people it may belong to, best first: by verified email, then exact name, then similar name.' })
  async suggestions(
    @Parent() identity: UnresolvedNode,
    @Context() context: ApiContext,
    @Args('first', { type: () => Int, defaultValue: 5, description: `At most this many, 1 to ${MAX_SUGGESTIONS}.` }) first: number,
  ): Promise<LinkSuggestion[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_SUGGESTIONS) throw badUserInput(`first must be between 1 and ${MAX_SUGGESTIONS}`);
    const suggestions = suggestLinks(identity.record, this.directory.current(), { limit: first });
    const people = await this.people.loadMany(context.loaders, suggestions.map((suggestion) => suggestion.personId));
    return suggestions.map((suggestion, index) => ({ person: people[index], rule: suggestion.rule as LinkSuggestionRule, confidence: suggestion.confidence }));
  }

  @Mutation(() => IdentityLinkResult, {
    description: "Links a tool's identity to a person: from now on, and on replay for all history, its events are theirs. For admins.",
  })
  async linkIdentity(
    @Args('source', { type: () => String }) source: string,
    @Args('externalId', { type: () => String }) externalId: string,
    @Args('personId', { type: () => String }) personId: string,
    @Context() context: ApiContext,
  ): Promise<IdentityLinkResult> {
    const identity = { tool: source, id: externalId };
    const changed = await this.appendPlanned(() => planIdentityLink(this.directory.current(), personId, identity, this.changeOptions(context)));
    return { source, externalId, person: await this.people.load(context.loaders, personId), changed };
  }

  @Mutation(() => IdentityLinkResult, {
    description: 'Unlinks an identity from the person it is linked to: its events count for nobody until linked again. NOT_FOUND if it is linked to nobody. For admins.',
  })
  async unlinkIdentity(
    @Args('source', { type: () => String }) source: string,
    @Args('externalId', { type: () => String }) externalId: string,
    @Context() context: ApiContext,
  ): Promise<IdentityLinkResult> {
    const directory = this.directory.current();
    const owner = directory.resolveIdentity(source, externalId);
    // An unresolved placeholder is nobody; a git email that resolves through a registered email has no link to undo.
    const unlinked = owner !== undefined && !directory.person(owner)?.unresolved && (await this.appendPlanned(() => planIdentityUnlink(directory, owner, { tool: source, id: externalId }, this.changeOptions(context))));
    if (!unlinked) throw notFound(`the ${source} identity "${externalId}" is linked to nobody`);
    return { source, externalId, person: null, changed: true };
  }

  @Mutation(() => MembershipChangeResult, {
    description:
      "Opens, ends or withdraws (to = from) a person's membership period in a team, keyed by its start. For admins. " +
      "A later tandem.yaml or Backstage apply that describes the person sets their memberships back to the file's.",
  })
  async changeMembership(
    @Args('personId', { type: () => String }) personId: string,
    @Args('team', { type: () => String }) team: string,
    @Args('from', { type: () => DateTimeScalar }) from: Date,
    @Args('to', { type: () => DateTimeScalar, nullable: true, description: 'Exclusive; null or left out: still a member.' }) to: Date | null | undefined,
    @Context() context: ApiContext,
  ): Promise<MembershipChangeResult> {
    const change = { personId, team, from, to: to ?? null };
    const changed = await this.appendPlanned(() => planMembershipChange(this.directory.current(), change, this.changeOptions(context)));
    return { person: await this.people.load(context.loaders, personId), team, from, to: change.to, changed };
  }

  private changeOptions(context: ApiContext): IdentityChangeOptions {
    return { at: Date.now(), by: `token:${context.viewer.tokenId}`, operationId: randomUUID(), correlationId: context.correlationId };
  }

  /** Plans (refusals become the client's errors), appends, and tells whether anything was appended. */
  private async appendPlanned(plan: () => readonly PlannedDirectoryEvent[]): Promise<boolean> {
    let planned: readonly PlannedDirectoryEvent[];
    try {
      planned = plan();
    } catch (error) {
      throw asUserInput(error);
    }
    if (planned.length === 0) return false;
    await this.directory.append(planned);
    return true;
  }
}
