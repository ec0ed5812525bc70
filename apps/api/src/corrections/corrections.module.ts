import { Module } from '@nestjs/common';
import { OrganizationApiModule } from '../organization/organization-api.module';
import { CorrectionsResolver } from './corrections.resolver';
import { IncidentCorrections } from './incident-corrections';

/** `correctIncidentImpact`, `markIncidentNotChangeCaused`, `linkIncidentToDeployment`: events appended to the incident's stream. */
@Module({
  imports: [OrganizationApiModule],
  providers: [IncidentCorrections, CorrectionsResolver],
})
export class CorrectionsModule {}
