import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { addReadinessCheck } from '../readiness';
import { DirectoryService } from './directory.service';
import { IdentitiesResolver } from './identities.resolver';
import { PersonLoader, TeamServicesLoader } from './organization.loaders';
import { PeopleResolver } from './people.resolver';
import { TeamsResolver } from './teams.resolver';

/** The organisation from the directory: teams, services, people; identity resolution and membership corrections. */
@Module({
  providers: [DirectoryService, PersonLoader, TeamServicesLoader, TeamsResolver, PeopleResolver, IdentitiesResolver],
  exports: [DirectoryService, PersonLoader],
})
export class OrganizationApiModule implements OnModuleInit {
  constructor(
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    addReadinessCheck(this.moduleRef, { name: 'directory', check: async () => this.directory.assertFollowing() });
  }
}
