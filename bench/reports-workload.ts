import type { CanonicalEvent, EventDataMap, EventType } from '@tandem/contracts';
import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';
import { seededRandom } from './directory-organization';
import { metricsOrganizationYaml, METRICS_WORKLOAD } from './metrics-workload';

/**
 * A year of the metrics benchmark's organisation (50 teams, 500 people, 30 services, Europe/Berlin),
 * for the snapshot and report benchmarks. Lighter per week than the metrics benchmark's quarter
 * (which is about folding speed): a steady 50-team organisation's year.
 */
export const REPORTS_WORKLOAD = { pullRequests: 30_000, incidents: 2_000, threads: 20_000, kudos: 5_000 } as const;
/** 52 calendar weeks of the organisation's zone (Europe/Berlin): Monday 29 December 2025 to Monday 28 December 2026. */
export const YEAR = { from: '2025-12-28T23:00:00Z', to: '2026-12-27T23:00:00Z' } as const;

const YEAR_START = Date.parse(YEAR.from);
const YEAR_MS = Date.parse(YEAR.to) - YEAR_START;
const HOUR = 3_600_000;

const kindOf = (team: number): 'dev' | 'sre' | 'platform' => (team % 5 < 3 ? 'dev' : team % 5 === 3 ? 'sre' : 'platform');
const teamNumbers = Array.from({ length: METRICS_WORKLOAD.teams }, (_, team) => team);
const devTeams = teamNumbers.filter((team) => kindOf(team) === 'dev');
const opsTeams = teamNumbers.filter((team) => kindOf(team) !== 'dev');
const services = devTeams.map((team, index) => ({ index, owner: team, operator: opsTeams[index % opsTeams.length] }));
const membersOf = (team: number) => Array.from({ length: METRICS_WORKLOAD.people / METRICS_WORKLOAD.teams }, (_, slot) => slot * METRICS_WORKLOAD.teams + team);
const iso = (ms: number) => new Date(ms).toISOString();
const sha = (prefix: string, n: number) => `${prefix}${n.toString(16)}`.padEnd(40, '0');

/** Stored events, built cheaply (no validation: well-formed by construction), recorded a minute after they occur. */
class Sink {
  readonly events: CanonicalEvent[] = [];

  add<T extends EventType>(type: T, data: EventDataMap[T], atMs: number): void {
    const at = iso(atMs);
    this.events.push({
      eventId: `00000000-0000-4000-8000-${(this.events.length + 1).toString(16).padStart(12, '0')}`,
      type,
      data,
      metadata: { occurredAt: at, source: 'bench', schemaVersion: 1 },
      streamId: 'bench',
      streamVersion: 0,
      globalPosition: 0,
      recordedAt: iso(atMs + 60_000),
    } as CanonicalEvent);
  }
}

/** The organisation's directory events, then a year of activity: every event with its store position, in time order. */
export function reportsWorkload(): CanonicalEvent[] {
  const random = seededRandom(2027);
  const pick = <Item>(items: readonly Item[]) => items[Math.floor(random() * items.length)];
  const person = (id: number) => ({ github: { tool: 'github', id: `gh-${id}` }, slack: { tool: 'slack', id: `U${id}` }, pagerduty: { tool: 'pagerduty', id: `PD${id}` } });
  const sink = new Sink();

  const pending = services.map(() => [] as { sha: string; mergedAt: number }[]);
  for (let number = 1; number <= REPORTS_WORKLOAD.pullRequests; number += 1) {
    const service = pick(services);
    const repo = `acme/svc-${service.index}`;
    const author = pick(membersOf(service.owner));
    const openedAt = YEAR_START + random() * (YEAR_MS - 48 * HOUR);
    sink.add('PullRequestOpened', { tool: 'github', repo, number, author: person(author).github, openedAt: iso(openedAt), headSha: sha('h', number), headRef: `f-${number}`, baseRef: 'main' }, openedAt);
    const reviewer = random() < 0.3 ? pick(membersOf(service.operator)) : pick(membersOf(service.owner));
    const reviewedAt = openedAt + (1 + random() * 5) * HOUR;
    sink.add('PullRequestReviewed', { tool: 'github', repo, number, reviewId: `${number}`, reviewer: person(reviewer).github, state: 'REVIEW_STATE_APPROVED', submittedAt: iso(reviewedAt) }, reviewedAt);
    const mergedAt = reviewedAt + (2 + random() * 20) * HOUR;
    const mergeCommitSha = sha('m', number);
    const paths = random() < 0.1 ? ['deploy/main.tf'] : ['src/app.ts'];
    sink.add('PullRequestMerged', { tool: 'github', repo, number, mergedAt: iso(mergedAt), mergeCommitSha, openedAt: iso(openedAt), firstCommitAuthoredAt: iso(openedAt - 6 * HOUR), changedPaths: { paths }, headRef: `f-${number}`, baseRef: 'main' }, mergedAt);
    sink.add('CommitsPushed', { tool: 'github', repo, ref: 'refs/heads/main', beforeSha: sha('b', number), afterSha: mergeCommitSha, pusher: person(author).github, pushedAt: iso(mergedAt), commits: [{ sha: mergeCommitSha, authoredAt: iso(mergedAt), author: person(author).github }], defaultBranch: 'main' }, mergedAt);
    pending[service.index].push({ sha: mergeCommitSha, mergedAt });
  }

  let deployment = 0;
  for (const service of services) {
    const merges = pending[service.index].sort((a, b) => a.mergedAt - b.mergedAt);
    let next = 0;
    for (let at = YEAR_START + random() * 8 * HOUR; at < YEAR_START + YEAR_MS; at += (8 + random() * 8) * HOUR) {
      deployment += 1;
      const included: string[] = [];
      while (next < merges.length && merges[next].mergedAt < at) included.push(merges[next++].sha);
      sink.add(
        'DeploymentFinished',
        {
          tool: 'github',
          deploymentId: `dep-${deployment}`,
          repository: { tool: 'github', id: `acme/svc-${service.index}` },
          environment: 'production',
          production: true,
          status: random() < 0.03 ? 'DEPLOYMENT_STATUS_FAILURE' : 'DEPLOYMENT_STATUS_SUCCESS',
          sha: included.at(-1) ?? sha('r', deployment),
          finishedAt: iso(at),
          includedCommits: { shas: included },
        },
        at,
      );
    }
  }

  for (let number = 1; number <= REPORTS_WORKLOAD.incidents; number += 1) {
    const service = pick(services);
    const id = `PINC${number}`;
    const incident = { tool: 'pagerduty', incidentId: id };
    const severity = pick(['SEVERITY_SEV1', 'SEVERITY_SEV2', 'SEVERITY_SEV3', 'SEVERITY_SEV3', 'SEVERITY_SEV4'] as const);
    const triggeredAt = YEAR_START + random() * (YEAR_MS - 24 * HOUR);
    const onCall = pick(membersOf(service.operator));
    sink.add('PageTriggered', { tool: 'pagerduty', pageId: id, pagingServiceId: `PSVC${service.index}`, severity, triggeredAt: iso(triggeredAt), notified: [person(onCall).pagerduty], incident: { tool: 'pagerduty', id } }, triggeredAt);
    sink.add('IncidentDeclared', { ...incident, title: `svc-${service.index} degraded`, severity, serviceIds: [`PSVC${service.index}`], channel: { tool: 'slack', id: `CINC${number}` }, declaredAt: iso(triggeredAt), status: 'INCIDENT_STATUS_LIVE' }, triggeredAt);
    const acknowledgedAt = triggeredAt + random() * 20 * 60_000;
    const acknowledger = random() < 0.2 ? pick(membersOf(service.owner)) : onCall;
    sink.add('PageAcknowledged', { tool: 'pagerduty', pageId: id, by: person(acknowledger).pagerduty, acknowledgedAt: iso(acknowledgedAt) }, acknowledgedAt);
    sink.add('IncidentAcknowledged', { ...incident, by: person(acknowledger).pagerduty, acknowledgedAt: iso(acknowledgedAt) }, acknowledgedAt);
    const resolvedAt = acknowledgedAt + (0.2 + random() * 6) * HOUR;
    for (let message = 0; message < 4; message += 1) {
      const at = triggeredAt + random() * (resolvedAt - triggeredAt);
      const author = message % 2 === 0 ? onCall : pick(membersOf(service.owner));
      sink.add('MessagePosted', { tool: 'slack', channelId: `CINC${number}`, messageId: `${number}.${message}`, author: person(author).slack, postedAt: iso(at) }, at);
    }
    sink.add('IncidentResolved', { ...incident, resolvedAt: iso(resolvedAt) }, resolvedAt);
    if (severity === 'SEVERITY_SEV1' || severity === 'SEVERITY_SEV2') {
      const publishedAt = resolvedAt + random() * 10 * 24 * HOUR;
      sink.add('PostmortemPublished', { tool: 'incidentio', postmortemId: `pm-${number}`, incident: { tool: 'pagerduty', id }, authors: [{ identity: person(onCall).slack }, { identity: person(pick(membersOf(service.owner))).slack }], publishedAt: iso(publishedAt) }, publishedAt);
      sink.add('ActionItemCreated', { tool: 'incidentio', actionItemId: `ai-${number}`, incident: { tool: 'pagerduty', id }, postmortemId: `pm-${number}`, createdAt: iso(publishedAt) }, publishedAt);
      if (random() < 0.7) sink.add('ActionItemClosed', { tool: 'incidentio', actionItemId: `ai-${number}`, closedAt: iso(publishedAt + random() * 40 * 24 * HOUR), outcome: 'ACTION_ITEM_OUTCOME_COMPLETED' }, publishedAt + random() * 40 * 24 * HOUR);
    }
  }

  for (let thread = 1; thread <= REPORTS_WORKLOAD.threads; thread += 1) {
    const service = pick(services);
    const postedAt = YEAR_START + random() * (YEAR_MS - 24 * HOUR);
    sink.add('MessagePosted', { tool: 'slack', channelId: `CSVC${service.index}`, messageId: `t${thread}`, author: person(pick(membersOf(service.owner))).slack, postedAt: iso(postedAt) }, postedAt);
    const at = postedAt + random() * 4 * HOUR;
    sink.add('MessagePosted', { tool: 'slack', channelId: `CSVC${service.index}`, messageId: `t${thread}.1`, threadRootId: `t${thread}`, author: person(pick(membersOf(service.operator))).slack, postedAt: iso(at) }, at);
  }

  for (let kudos = 1; kudos <= REPORTS_WORKLOAD.kudos; kudos += 1) {
    const at = YEAR_START + random() * YEAR_MS;
    const from = Math.floor(random() * METRICS_WORKLOAD.people);
    const to = (from + 1 + Math.floor(random() * (METRICS_WORKLOAD.people - 1))) % METRICS_WORKLOAD.people;
    sink.add('KudosGiven', { kudosId: `k${kudos}`, fromPersonId: `p${from}`, toPersonIds: [`p${to}`], message: 'Thanks for the help on the rollout', via: 'slack', givenAt: iso(at) }, at);
  }

  const planned = planDirectoryChanges(Directory.empty(), parseOrganization(metricsOrganizationYaml()), { at: '2025-01-01T00:00:00Z', by: 'bench' });
  const directory = planned.map(({ event }) => ({ ...event, streamId: 'directory', streamVersion: 0, globalPosition: 0, recordedAt: '2025-01-01T00:00:00.000Z' }) as CanonicalEvent);
  const activity = sink.events.sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
  return [...directory, ...activity].map((event, index) => ({ ...event, globalPosition: index + 1 }));
}
