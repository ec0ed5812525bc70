import type { CanonicalEvent, EventDataMap, EventType } from '@tandem/contracts';
import { stringify } from 'yaml';
import { seededRandom } from './directory-organization';

/** The size of the metrics benchmark: an organisation of 50 teams and 500 people, one quarter. */
export const METRICS_WORKLOAD = { teams: 50, people: 500, pullRequests: 36_000, incidents: 2_500, threads: 70_000 } as const;

export const QUARTER = { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' } as const;

const QUARTER_START = Date.parse(QUARTER.from);
const QUARTER_MS = Date.parse(QUARTER.to) - QUARTER_START;
const HOUR = 3_600_000;
const INFRA_PATHS = ['infra/main.tf', 'k8s/deployment.yaml', 'helm/values.yaml', '.github/workflows/ci.yml', 'Dockerfile'];
const CODE_PATHS = ['src/app.ts', 'src/service.ts', 'test/app.spec.ts', 'README.md'];

/** Team kinds: three Dev teams for each SRE and platform team. */
function kindOf(team: number): 'dev' | 'sre' | 'platform' {
  const slot = team % 5;
  return slot < 3 ? 'dev' : slot === 3 ? 'sre' : 'platform';
}

const devTeams = Array.from({ length: METRICS_WORKLOAD.teams }, (_, team) => team).filter((team) => kindOf(team) === 'dev');
const opsTeams = Array.from({ length: METRICS_WORKLOAD.teams }, (_, team) => team).filter((team) => kindOf(team) !== 'dev');
/** One service per Dev team, operated by an Ops team. */
const services = devTeams.map((team, index) => ({ index, owner: team, operator: opsTeams[index % opsTeams.length] }));
const membersOf = (team: number) => Array.from({ length: METRICS_WORKLOAD.people / METRICS_WORKLOAD.teams }, (_, slot) => slot * METRICS_WORKLOAD.teams + team);

/** tandem.yaml of the benchmark: everyone in one team, a tenth in a second one, a tenth moved team mid-quarter. */
export function metricsOrganizationYaml(): string {
  const random = seededRandom(11);
  const teams = Array.from({ length: METRICS_WORKLOAD.teams }, (_, team) => ({ slug: `team-${team}`, name: `Team ${team}`, kind: kindOf(team) }));
  const people = Array.from({ length: METRICS_WORKLOAD.people }, (_, person) => {
    const home = person % METRICS_WORKLOAD.teams;
    const other = (home + 1 + Math.floor(random() * (METRICS_WORKLOAD.teams - 1))) % METRICS_WORKLOAD.teams;
    const draw = random();
    const memberships =
      draw < 0.1
        ? [{ team: `team-${home}`, from: '2025-01-01' }, { team: `team-${other}`, from: '2025-06-01' }]
        : draw < 0.2
          ? [{ team: `team-${home}`, from: '2025-01-01', to: '2026-02-15' }, { team: `team-${other}`, from: '2026-02-15' }]
          : [{ team: `team-${home}`, from: '2025-01-01' }];
    return { id: `p${person}`, name: `Person ${person}`, email: `p${person}@example.com`, identities: { github: `gh-${person}`, slack: `U${person}`, pagerduty: `PD${person}` }, memberships };
  });
  const serviceEntries = services.map((service) => ({
    slug: `svc-${service.index}`,
    ownedBy: `team-${service.owner}`,
    operatedBy: `team-${service.operator}`,
    repos: [`acme/svc-${service.index}`],
    paging: { pagerduty: [`PSVC${service.index}`] },
    incidentServices: { incidentio: [`io-svc-${service.index}`] },
    channels: { slack: [`CSVC${service.index}`] },
    slo: { availability: 0.999, severity: 'SEV2' },
  }));
  return stringify({ organization: { name: 'Metrics Bench', timezone: 'Europe/Berlin' }, teams, people, services: serviceEntries });
}

/** Builds stored events cheaply (no validation: the generator's output is well-formed by construction). */
class EventSink {
  readonly events: CanonicalEvent[] = [];

  add<T extends EventType>(type: T, data: EventDataMap[T], atMs: number): void {
    const position = this.events.length + 1;
    const at = new Date(atMs).toISOString();
    this.events.push({
      eventId: `00000000-0000-4000-8000-${position.toString(16).padStart(12, '0')}`,
      type,
      data,
      metadata: { occurredAt: at, source: 'bench', schemaVersion: 1 },
      streamId: 'bench',
      streamVersion: 0,
      globalPosition: position,
      recordedAt: at,
    } as CanonicalEvent);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const sha = (prefix: string, n: number) => `${prefix}${n.toString(16)}`.padEnd(40, '0');

/**
 * ~500,000 realistic events over a quarter, the same on every run: PRs with reviews and their
 * merges pushed to main, deployments every few hours per service shipping the merged commits
 * (with failures and rollbacks), PagerDuty incidents with pages, acknowledgements, roles,
 * responders and incident-channel chat, post-mortems and action items, and threaded chat.
 * Returned in global (time) order, as a rebuild reads them.
 */
export function metricsWorkload(): CanonicalEvent[] {
  const random = seededRandom(2026);
  const pick = <Item>(items: readonly Item[]) => items[Math.floor(random() * items.length)];
  const person = (id: number) => ({ github: { tool: 'github', id: `gh-${id}` }, slack: { tool: 'slack', id: `U${id}` }, pagerduty: { tool: 'pagerduty', id: `PD${id}` } });
  const anyone = () => Math.floor(random() * METRICS_WORKLOAD.people);
  const sink = new EventSink();

  // Pull requests, merged into main; the merges wait per service for the next deployment.
  const pendingMerges = services.map(() => [] as { sha: string; mergedAt: number }[]);
  for (let number = 1; number <= METRICS_WORKLOAD.pullRequests; number += 1) {
    const service = pick(services);
    const repo = `acme/svc-${service.index}`;
    const author = random() < 0.8 ? pick(membersOf(service.owner)) : anyone();
    const openedAt = QUARTER_START + random() * (QUARTER_MS - 48 * HOUR);
    sink.add('PullRequestOpened', { tool: 'github', repo, number, author: person(author).github, openedAt: iso(openedAt), headSha: sha('h', number), headRef: `f-${number}`, baseRef: 'main' }, openedAt);
    const reviews = 1 + Math.floor(random() * 2);
    for (let review = 0; review < reviews; review += 1) {
      const reviewer = random() < 0.3 ? pick(membersOf(service.operator)) : pick(membersOf(service.owner));
      const at = openedAt + (1 + random() * 5) * HOUR;
      sink.add('PullRequestReviewed', { tool: 'github', repo, number, reviewId: `${number}-${review}`, reviewer: person(reviewer).github, state: 'REVIEW_STATE_APPROVED', submittedAt: iso(at) }, at);
    }
    if (random() < 0.05) continue;
    const mergedAt = openedAt + (6 + random() * 24) * HOUR;
    const mergeCommitSha = sha('m', number);
    const paths = random() < 0.1 ? [pick(INFRA_PATHS), pick(CODE_PATHS)] : [pick(CODE_PATHS)];
    sink.add(
      'PullRequestMerged',
      { tool: 'github', repo, number, mergedAt: iso(mergedAt), mergeCommitSha, openedAt: iso(openedAt), firstCommitAuthoredAt: iso(openedAt - random() * 24 * HOUR), changedPaths: { paths }, headRef: `f-${number}`, baseRef: 'main' },
      mergedAt,
    );
    sink.add(
      'CommitsPushed',
      { tool: 'github', repo, ref: 'refs/heads/main', beforeSha: sha('b', number), afterSha: mergeCommitSha, pusher: person(author).github, pushedAt: iso(mergedAt), commits: [{ sha: mergeCommitSha, authoredAt: iso(mergedAt), author: person(author).github }], defaultBranch: 'main' },
      mergedAt,
    );
    pendingMerges[service.index].push({ sha: mergeCommitSha, mergedAt });
  }

  // Deployments every 4 to 8 hours per service, shipping what was merged since the last one.
  let deploymentNumber = 0;
  for (const service of services) {
    const merges = pendingMerges[service.index].sort((a, b) => a.mergedAt - b.mergedAt);
    let next = 0;
    let previous: string | null = null;
    for (let at = QUARTER_START + random() * 6 * HOUR; at < QUARTER_START + QUARTER_MS; at += (4 + random() * 4) * HOUR) {
      deploymentNumber += 1;
      const included: string[] = [];
      while (next < merges.length && merges[next].mergedAt < at) included.push(merges[next++].sha);
      const deploymentId = `dep-${deploymentNumber}`;
      const failed = random() < 0.03;
      const rollback = !failed && previous !== null && random() < 0.02;
      const common = { tool: 'github', deploymentId, repository: { tool: 'github', id: `acme/svc-${service.index}` }, environment: 'production', production: true, sha: included.at(-1) ?? sha('r', deploymentNumber) };
      sink.add('DeploymentStarted', { ...common, startedAt: iso(at - 10 * 60_000) }, at - 10 * 60_000);
      sink.add(
        'DeploymentFinished',
        {
          ...common,
          status: failed ? 'DEPLOYMENT_STATUS_FAILURE' : 'DEPLOYMENT_STATUS_SUCCESS',
          finishedAt: iso(at),
          includedCommits: { shas: included },
          ...(rollback && previous ? { rollback: true, revertsDeploymentId: previous } : {}),
        },
        at,
      );
      if (!failed) previous = deploymentId;
    }
  }

  // PagerDuty incidents with their pages, people and incident-channel chat; post-mortems for the worst.
  for (let number = 1; number <= METRICS_WORKLOAD.incidents; number += 1) {
    const service = pick(services);
    const id = `PINC${number}`;
    const channelId = `CINC${number}`;
    const severity = pick(['SEVERITY_SEV1', 'SEVERITY_SEV2', 'SEVERITY_SEV2', 'SEVERITY_SEV3', 'SEVERITY_SEV3', 'SEVERITY_SEV4'] as const);
    const triggeredAt = QUARTER_START + random() * (QUARTER_MS - 24 * HOUR);
    const onCall = pick(membersOf(service.operator));
    const incident = { tool: 'pagerduty', incidentId: id };
    sink.add('PageTriggered', { tool: 'pagerduty', pageId: id, pagingServiceId: `PSVC${service.index}`, severity, triggeredAt: iso(triggeredAt), notified: [person(onCall).pagerduty], incident: { tool: 'pagerduty', id } }, triggeredAt);
    sink.add('IncidentDeclared', { ...incident, severity, serviceIds: [`PSVC${service.index}`], channel: { tool: 'slack', id: channelId }, declaredAt: iso(triggeredAt), status: 'INCIDENT_STATUS_LIVE' }, triggeredAt);
    const acknowledgedAt = triggeredAt + random() * 20 * 60_000;
    const acknowledger = random() < 0.2 ? pick(membersOf(service.owner)) : onCall;
    if (random() < 0.95) {
      sink.add('PageAcknowledged', { tool: 'pagerduty', pageId: id, by: person(acknowledger).pagerduty, acknowledgedAt: iso(acknowledgedAt) }, acknowledgedAt);
      sink.add('IncidentAcknowledged', { ...incident, by: person(acknowledger).pagerduty, acknowledgedAt: iso(acknowledgedAt) }, acknowledgedAt);
    }
    sink.add('IncidentRoleAssigned', { ...incident, role: 'INCIDENT_ROLE_LEAD', assignee: person(onCall).pagerduty, assignedAt: iso(acknowledgedAt) }, acknowledgedAt);
    if (random() < 0.5) sink.add('ResponderAdded', { tool: 'pagerduty', pageId: id, responder: person(pick(membersOf(service.owner))).pagerduty, addedAt: iso(acknowledgedAt + 5 * 60_000) }, acknowledgedAt + 5 * 60_000);
    const resolvedAt = acknowledgedAt + (0.2 + random() * 6) * HOUR;
    for (let message = 0; message < 8; message += 1) {
      const at = triggeredAt + random() * (resolvedAt - triggeredAt);
      const author = random() < 0.5 ? pick(membersOf(service.operator)) : pick(membersOf(service.owner));
      sink.add('MessagePosted', { tool: 'slack', channelId, messageId: `${number}.${message}`, author: person(author).slack, postedAt: iso(at) }, at);
    }
    sink.add('IncidentResolved', { ...incident, resolvedAt: iso(resolvedAt) }, resolvedAt);
    sink.add('PageResolved', { tool: 'pagerduty', pageId: id, resolvedAt: iso(resolvedAt) }, resolvedAt);
    if (severity === 'SEVERITY_SEV1' || (severity === 'SEVERITY_SEV2' && random() < 0.7)) {
      const publishedAt = resolvedAt + random() * 10 * 24 * HOUR;
      const authors = [{ identity: person(onCall).slack }, { identity: person(pick(membersOf(service.owner))).slack }];
      sink.add('PostmortemPublished', { tool: 'incidentio', postmortemId: `pm-${number}`, incident: { tool: 'pagerduty', id }, authors, publishedAt: iso(publishedAt) }, publishedAt);
      for (let item = 0; item < 3; item += 1) {
        const actionItemId = `ai-${number}-${item}`;
        sink.add('ActionItemCreated', { tool: 'incidentio', actionItemId, incident: { tool: 'pagerduty', id }, postmortemId: `pm-${number}`, createdAt: iso(publishedAt) }, publishedAt);
        if (random() < 0.7) {
          const closedAt = publishedAt + random() * 45 * 24 * HOUR;
          sink.add('ActionItemClosed', { tool: 'incidentio', actionItemId, closedAt: iso(closedAt), outcome: 'ACTION_ITEM_OUTCOME_COMPLETED' }, closedAt);
        }
      }
    }
  }

  // Threaded chat in the services' channels: a question, then replies from either side.
  for (let thread = 1; thread <= METRICS_WORKLOAD.threads; thread += 1) {
    const service = pick(services);
    const channelId = `CSVC${service.index}`;
    const postedAt = QUARTER_START + random() * (QUARTER_MS - 24 * HOUR);
    const rootId = `t${thread}`;
    sink.add('MessagePosted', { tool: 'slack', channelId, messageId: rootId, author: person(pick(membersOf(service.owner))).slack, postedAt: iso(postedAt) }, postedAt);
    const replies = 1 + Math.floor(random() * 5);
    for (let reply = 1; reply <= replies; reply += 1) {
      const at = postedAt + random() * 4 * HOUR;
      const author = random() < 0.4 ? pick(membersOf(service.operator)) : pick(membersOf(service.owner));
      sink.add('MessagePosted', { tool: 'slack', channelId, messageId: `${rootId}.${reply}`, threadRootId: rootId, author: person(author).slack, postedAt: iso(at) }, at);
    }
  }

  return sink.events.sort((a, b) => (a.metadata.occurredAt < b.metadata.occurredAt ? -1 : a.metadata.occurredAt > b.metadata.occurredAt ? 1 : 0));
}
