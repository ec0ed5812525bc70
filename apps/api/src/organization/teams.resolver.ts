import { Inject } from '@nestjs/common';
import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditPersonRead, TeamScoped } from '../access/access.decorators';
import type { ApiContext } from '../context/api-context';
import { byName } from './by-name';
import { DirectoryService } from './directory.service';
import { PersonLoader, servicesNow, TeamServicesLoader } from './organization.loaders';
import { Person, Service, Team, teamKindOf } from './organization.types';

@Resolver(() => Team)
export class TeamsResolver {
  constructor(
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(PersonLoader) private readonly people: PersonLoader,
    @Inject(TeamServicesLoader) private readonly teamServices: TeamServicesLoader,
  ) {}

  @Query(() => [Team], { description: 'The active teams, by slug.' })
  teams(): Team[] {
    return this.directory
      .current()
      .teams()
      .map((team) => ({ slug: team.slug, name: team.name, kind: teamKindOf(team.kind) }))
      .sort((a, b) => (a.slug < b.slug ? -1 : 1));
  }

  @ResolveField(() => [Person], {
    nullable: true,
    description: 'The people in the team now, by name. Team detail: for admins and the team\'s leads (null and FORBIDDEN otherwise).',
  })
  @TeamScoped()
  @AuditPersonRead(({ parent }) => `team:${(parent as Team).slug}`)
  async members(@Parent() team: Team, @Context() context: ApiContext): Promise<Person[]> {
    const ids = this.directory.current().membersOf(team.slug, Date.now());
    const members = await this.people.loadMany(context.loaders, ids);
    return members.sort((a, b) => byName(a.name, b.name));
  }

  @Query(() => [Service], { name: 'services', description: 'The active services with the teams that own and run them now, by slug.' })
  allServices(): Service[] {
    return servicesNow(this.directory.current());
  }

  @ResolveField(() => [Service], { description: 'The services the team owns or runs now.' })
  services(@Parent() team: Team, @Context() context: ApiContext): Promise<Service[]> {
    return this.teamServices.load(context.loaders, team.slug);
  }
}
