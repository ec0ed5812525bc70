import { Inject } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { canSeeTeamDetail } from '@tandem/auth';
import type { PersonRecord } from '@tandem/directory';
import { AuditPersonRead, Roles } from '../access/access.decorators';
import type { ApiContext } from '../context/api-context';
import { notFound } from '../graphql/errors/api-errors';
import { PageArgs, pageRequest, toConnection } from '../graphql/pagination/connection';
import { decodeCursor, encodeCursor } from '../graphql/pagination/cursor';
import { byName } from './by-name';
import { DirectoryService } from './directory.service';
import { LinkedIdentity, Person, PersonConnection } from './organization.types';

const LIST = 'people';

/** Whether `person` comes after the cursor's (name, id) in the list's order. */
function isAfter(person: PersonRecord, cursor: readonly (string | number)[]): boolean {
  const [name, id] = cursor.map(String);
  const order = byName(person.name, name);
  return order > 0 || (order === 0 && person.id > id);
}

/**
 * The people of the organisation (configured ones: never bots or unresolved placeholders), by
 * name. Names are for every role, as the recognition feed shows them; a person's teams are team
 * detail (admins, and the team's leads), and their identities in the tools are for admins.
 */
@Resolver(() => Person)
export class PeopleResolver {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

  @Query(() => PersonConnection, { description: 'The people of the organisation, by name.' })
  @AuditPersonRead(() => 'people')
  people(@Args({ type: () => PageArgs }) args: PageArgs): PersonConnection {
    const request = pageRequest(args);
    const after = request.after === undefined ? undefined : decodeCursor(LIST, request.after);
    const people = this.directory
      .current()
      .people()
      .filter((person) => !person.unresolved && !person.bot && (after === undefined || isAfter(person, after)))
      .sort((a, b) => byName(a.name, b.name) || (a.id < b.id ? -1 : 1));
    return toConnection(
      people.slice(0, request.limit + 1),
      request,
      (person): Person => ({ id: person.id, name: person.name }),
      (person) => encodeCursor(LIST, [person.name, person.id]),
    );
  }

  @ResolveField(() => [String], { description: "Slugs of the person's teams now, of those whose detail the viewer may see (admins: all; leads: their own)." })
  teams(@Parent() person: Person, @Context() context: ApiContext): string[] {
    return this.directory
      .current()
      .teamsOf(person.id, Date.now())
      .filter((team) => canSeeTeamDetail(context.viewer, team));
  }

  @ResolveField(() => [LinkedIdentity], { nullable: true, description: "The person's identities in the tools. For admins (null and FORBIDDEN otherwise)." })
  @Roles('admin')
  @AuditPersonRead(({ parent }) => `person:${(parent as Person).id}`)
  identities(@Parent() person: Person): LinkedIdentity[] {
    const record = this.directory.current().person(person.id);
    if (!record) throw notFound(`no person ${person.id}`);
    return record.identities.map((identity) => ({ source: identity.tool, externalId: identity.id, rule: identity.rule.toUpperCase() }));
  }
}
