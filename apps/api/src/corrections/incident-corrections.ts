import { Inject, Injectable } from '@nestjs/common';
import { canSeeTeamDetail, type Viewer } from '@tandem/auth';
import { readCanonicalEvent, streamFor, toStoredEvent, type CanonicalEvent } from '@tandem/contracts';
import type { EventStore } from '@tandem/eventstore';
import { entityKey, metricModelOf, type Incident } from '@tandem/metrics';
import { EVENT_STORE } from '@tandem/runtime';
import type { ApiContext } from '../context/api-context';
import { badUserInput, forbidden, notFound } from '../graphql/errors/api-errors';
import { DirectoryService } from '../organization/directory.service';
import { deploymentRefOfKey, incidentRefOfKey, InvalidCorrection, planCorrection, TANDEM_API_TOOL, teamsResponsibleFor, type Correction } from './incident-correction';

/** What a correction mutation answers. */
export interface CorrectionOutcome {
  eventId: string;
  incident: string;
  event: string;
  appended: boolean;
  occurredAt: Date;
}

/** The correction by deployment key, as the mutation takes it. */
export type CorrectionArgument = Exclude<Correction, { type: 'IncidentLinkedToDeployment' }> | { type: 'IncidentLinkedToDeployment'; deploymentKey: string };

/**
 * Appends corrections to an incident's stream through the event store, the one source of truth:
 * the incident and the deployment are looked up there (not in the read models, which may lag), and
 * the projector carries the event into the KPIs like any other.
 */
@Injectable()
export class IncidentCorrections {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DirectoryService) private readonly directory: DirectoryService,
  ) {}

  async correct(incidentKey: string, argument: CorrectionArgument, reason: string, context: ApiContext): Promise<CorrectionOutcome> {
    const ref = incidentRefOfKey(incidentKey);
    if (!ref) throw badUserInput(`incidentId must be an incident's key (Incident.key), e.g. incident:pagerduty:P1234; got "${incidentKey}"`, { argument: 'incidentId' });
    const streamId = streamFor.incident(ref.tool, ref.id);
    const history = (await this.eventStore.readStream(streamId)).map((event) => readCanonicalEvent(event));
    const key = entityKey.incident(ref.tool, ref.id);
    const directory = this.directory.current();
    const incident = metricModelOf(history, directory).byKey.get(key);
    if (incident?.kind !== 'incident') throw notFound(`no incident ${incidentKey}`);
    this.requireResponsible(context.viewer, incident, incidentKey);

    const correction = await this.resolve(argument);
    const by = { identity: { tool: TANDEM_API_TOOL, id: context.viewer.tokenId, name: `${context.viewer.role} API token` } };
    const plan = this.plan(() => planCorrection({ incident: ref, correction, reason, by, at: new Date(), correlationId: context.correlationId }, incident, history));
    if (plan.kind === 'already_recorded') {
      return { eventId: plan.eventId, incident: key, event: correction.type, appended: false, occurredAt: new Date(plan.occurredAt) };
    }
    // A racing twin of this submission may have appended the same id first: then the store skips it.
    const [{ appendedCount }] = await this.eventStore.appendMany([{ streamId, events: [toStoredEvent(plan.event)] }]);
    const appended = appendedCount > 0;
    if (appended) context.logger.info({ incident: key, event: plan.event.type, eventId: plan.event.eventId, tokenId: context.viewer.tokenId }, 'incident corrected');
    return { eventId: plan.event.eventId, incident: key, event: plan.event.type, appended, occurredAt: new Date(plan.event.metadata.occurredAt) };
  }

  /** Admins, and the leads of a team owning or operating one of the incident's services now. */
  private requireResponsible(viewer: Viewer, incident: Incident, incidentKey: string): void {
    const teams = teamsResponsibleFor(incident, this.directory.current(), Date.now());
    if (viewer.role === 'admin' || teams.some((team) => canSeeTeamDetail(viewer, team))) return;
    const owners = teams.length > 0 ? `the leads of ${teams.join(' or ')}` : 'admins (it has no service of the organisation)';
    throw forbidden(`correcting ${incidentKey} is for admins and the leads of the teams owning or operating its services: ${owners}`);
  }

  private async resolve(argument: CorrectionArgument): Promise<Correction> {
    if (argument.type !== 'IncidentLinkedToDeployment') return argument;
    const deployment = deploymentRefOfKey(argument.deploymentKey);
    if (!deployment) throw badUserInput(`deploymentId must be a deployment's key, e.g. deployment:github:123; got "${argument.deploymentKey}"`, { argument: 'deploymentId' });
    const events = await this.eventStore.readStream(streamFor.deployment(deployment.tool, deployment.id));
    if (!events.some((event) => isDeploymentEvent(readCanonicalEvent(event)))) throw notFound(`no deployment ${argument.deploymentKey}`);
    return { type: 'IncidentLinkedToDeployment', deployment };
  }

  private plan<T>(planning: () => T): T {
    try {
      return planning();
    } catch (error) {
      if (error instanceof InvalidCorrection) throw badUserInput(error.message, { argument: error.argument });
      throw error;
    }
  }
}

function isDeploymentEvent(event: CanonicalEvent): boolean {
  return event.type === 'DeploymentStarted' || event.type === 'DeploymentFinished';
}
