import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Roles } from '../access/access.decorators';
import type { ApiContext } from '../context/api-context';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';
import { IncidentCorrection } from './corrections.types';
import { IncidentCorrections } from './incident-corrections';

const INCIDENT_ID = { type: () => ID, description: "The incident's key (Incident.key)." };
const REASON = { type: () => String, description: 'Why: kept with the correction.' };

/**
 * Human corrections of incidents (issue 5, metrics.md: they arrive as new events and win over
 * earlier values). For admins and for the leads of a team owning or operating the incident's
 * service; repeating a submission records it once.
 */
@Resolver()
@Roles('admin', 'lead')
export class CorrectionsResolver {
  constructor(@Inject(IncidentCorrections) private readonly corrections: IncidentCorrections) {}

  @Mutation(() => IncidentCorrection, { description: "Sets when the incident's impact started and/or ended; the latest correction wins over the tools' times." })
  correctIncidentImpact(
    @Args('incidentId', INCIDENT_ID) incidentId: string,
    @Args('impactStartedAt', { type: () => DateTimeScalar, nullable: true }) impactStartedAt: Date | null,
    @Args('impactEndedAt', { type: () => DateTimeScalar, nullable: true }) impactEndedAt: Date | null,
    @Args('reason', REASON) reason: string,
    @Context() context: ApiContext,
  ): Promise<IncidentCorrection> {
    return this.corrections.correct(incidentId, { type: 'IncidentImpactCorrected', impactStartedAt: impactStartedAt ?? null, impactEndedAt: impactEndedAt ?? null }, reason, context);
  }

  @Mutation(() => IncidentCorrection, { description: 'The incident was not caused by a change: it never links to a deployment again.' })
  markIncidentNotChangeCaused(@Args('incidentId', INCIDENT_ID) incidentId: string, @Args('reason', REASON) reason: string, @Context() context: ApiContext): Promise<IncidentCorrection> {
    return this.corrections.correct(incidentId, { type: 'IncidentMarkedNotChangeCaused' }, reason, context);
  }

  @Mutation(() => IncidentCorrection, { description: 'Names the deployment that caused the incident (the explicit link, over any other).' })
  linkIncidentToDeployment(
    @Args('incidentId', INCIDENT_ID) incidentId: string,
    @Args('deploymentId', { type: () => ID, description: "The deployment's key, as explanations show it (deployment:github:123)." }) deploymentId: string,
    @Args('reason', REASON) reason: string,
    @Context() context: ApiContext,
  ): Promise<IncidentCorrection> {
    return this.corrections.correct(incidentId, { type: 'IncidentLinkedToDeployment', deploymentKey: deploymentId }, reason, context);
  }
}
