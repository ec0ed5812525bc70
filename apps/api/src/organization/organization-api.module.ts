import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { addReadinessCheck } from '../readiness';
import { DirectoryService } from './directory.service';
import { PersonLoader, TeamServicesLoader } from './organization.loaders';
import { TeamsResolver } from './teams.resolver';

/** `teams` and what hangs off a team, from the directory. */
@Module({
  providers: [DirectoryService, PersonLoader, TeamServicesLoader, TeamsResolver],
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
