import { DAY, isoDate, WEEK } from '../calendar';
import { SCALE_PROFILES, type DemoScale } from '../demo-scale';
import { SeededRandom } from '../random';
import type { DemoChannel, DemoOrganization, DemoPerson, DemoRepository, DemoService, DemoTeam, PagingTool } from './demo-organization';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { DEV_TEAMS, OPS_TEAMS, OPSGENIE_TEAM, type TeamBlueprint } from './team-catalog';

const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BOT_FRAMEWORK = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ORG = 'northwind';

export interface OrganizationOptions {
  seed: number;
  scale: DemoScale;
  /** The first day of the story's activity. */
  startMs: number;
  /** When the story ends (exclusive). */
  untilMs: number;
}

/**
 * The demo organisation, Northwind: Dev teams owning services operated by Ops-side teams, every
 * person with an identity in every tool. Deterministic for a seed: ids are drawn in a fixed order.
 */
export function buildOrganization(options: OrganizationOptions): DemoOrganization {
  const random = SeededRandom.forPart(options.seed, 'organization');
  const profile = SCALE_PROFILES[options.scale];
  const blueprints = [...DEV_TEAMS.slice(0, profile.devTeams), ...OPS_TEAMS.slice(0, profile.opsTeams)];
  const teams = blueprints.map((blueprint) => teamOf(blueprint));
  const names = new UniqueNames(random);
  const people = teams.flatMap((team) =>
    Array.from({ length: team.side === 'dev' ? profile.peoplePerDevTeam : profile.peoplePerOpsTeam }, () => personOf(random, names, team)),
  );
  // The re-org: halfway through, a Checkout engineer joins Site Reliability (dated memberships
  // keep their earlier work on the Dev side).
  const mover = people.find((person) => person.team === 'checkout');
  if (mover) mover.move = { team: 'sre', at: options.startMs + Math.floor((options.untilMs - options.startMs) / (2 * DAY)) * DAY };

  const opsTeams = teams.filter((team) => team.side === 'ops' && team.slug !== OPSGENIE_TEAM);
  const services = blueprints.flatMap((blueprint, teamIndex) =>
    (blueprint.services ?? [`${blueprint.slug}-api`, `${blueprint.slug}-worker`, `${blueprint.slug}-web`]).map((slug) =>
      serviceOf(random, slug, teams[teamIndex], teams[teamIndex].side === 'dev' ? operatorFor(teams[teamIndex], opsTeams, teamIndex) : teams[teamIndex]),
    ),
  );
  return {
    name: 'Northwind',
    timezone: 'Europe/Berlin',
    membershipsFrom: isoDate(options.startMs - 26 * WEEK),
    github: { org: ORG, id: random.int(10_000_000, 99_999_999) },
    gitlab: { host: 'gitlab.northwind.example', group: ORG, groupId: random.int(100, 999) },
    slack: { teamId: `T0${random.chars(9, UPPER_ALPHANUMERIC)}`, appId: `A0${random.chars(9, UPPER_ALPHANUMERIC)}`, botUserId: `U0${random.chars(9, UPPER_ALPHANUMERIC)}` },
    msTeams: {
      teamId: `19:${random.hex(32)}@thread.tacv2`,
      channelId: `19:${random.hex(32)}@thread.tacv2`,
      tenantId: random.uuid(),
      webhookBotId: `28:${random.uuid()}`,
    },
    jira: { site: 'https://northwind.atlassian.net', incidentProject: 'MOB' },
    teams,
    people,
    services,
    infraRepository: repositoryOf(random, 'github', `${ORG}/infra-live`, 'cloud-platform'),
    channels: {
      kudos: channelOf(random, 'kudos'),
      devOpsHelp: channelOf(random, 'dev-ops-help'),
      deployments: channelOf(random, 'deployments'),
    },
    dependabot: { login: 'dependabot[bot]', id: 49_699_333 },
  };
}

function teamOf(blueprint: TeamBlueprint): DemoTeam {
  const side = blueprint.kind === 'dev' ? 'dev' : 'ops';
  return {
    slug: blueprint.slug,
    name: blueprint.name,
    kind: blueprint.kind,
    side,
    timezone: blueprint.timezone ?? 'Europe/Berlin',
    git: blueprint.git ?? 'github',
    incidentHabit: blueprint.incidentHabit ?? 'usual',
  };
}

/** Dev services spread over the PagerDuty Ops teams; the story teams' services go to Site Reliability. */
function operatorFor(team: DemoTeam, opsTeams: readonly DemoTeam[], teamIndex: number): DemoTeam {
  if (team.slug === 'payments' || team.slug === 'checkout') return opsTeams[0];
  return opsTeams[teamIndex % opsTeams.length];
}

/** Names and GitHub logins are unique in an organisation: tandem.yaml refuses a login claimed twice. */
class UniqueNames {
  private readonly taken = new Set<string>();
  private readonly logins = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  next(): { first: string; last: string } {
    for (;;) {
      const first = this.random.pick(FIRST_NAMES);
      const last = this.random.pick(LAST_NAMES);
      if (this.taken.has(`${first} ${last}`)) continue;
      this.taken.add(`${first} ${last}`);
      return { first, last };
    }
  }

  /** The preferred login, or the handle-based one that is always free (names are unique). */
  login(preferred: string, fallback: string): string {
    const login = this.logins.has(preferred) ? fallback : preferred;
    this.logins.add(login);
    return login;
  }
}

function personOf(random: SeededRandom, names: UniqueNames, team: DemoTeam): DemoPerson {
  const { first, last } = names.next();
  const handle = `${first}.${last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const [firstPart, lastPart] = handle.split('.');
  const login = names.login(random.pick([`${firstPart}-${lastPart}`, `${firstPart[0]}${lastPart}`, `${firstPart}-nw`]), `${firstPart}-${lastPart}`);
  return {
    id: handle,
    name: `${first} ${last}`,
    firstName: first,
    email: `${handle}@northwind.example`,
    team: team.slug,
    github: { login, id: random.int(1_000_000, 99_999_999) },
    gitlab: { username: handle, id: random.int(100, 99_999) },
    slack: `U0${random.chars(9, UPPER_ALPHANUMERIC)}`,
    teams: { id: `29:1${random.chars(43, BOT_FRAMEWORK)}`, aadObjectId: random.uuid() },
    pagerduty: `P${random.chars(6, UPPER_ALPHANUMERIC)}`,
    opsgenieUserId: random.uuid(),
    jira: random.hex(24),
    incidentio: `01${random.chars(24, CROCKFORD)}`,
  };
}

function repositoryOf(random: SeededRandom, tool: DemoRepository['tool'], fullName: string, team: string): DemoRepository {
  return { tool, fullName, name: fullName.split('/').pop() ?? fullName, id: random.int(100_000_000, 999_999_999), team };
}

function channelOf(random: SeededRandom, name: string): DemoChannel {
  return { id: `C0${random.chars(9, UPPER_ALPHANUMERIC)}`, name };
}

function serviceOf(random: SeededRandom, slug: string, owner: DemoTeam, operator: DemoTeam): DemoService {
  const tool: PagingTool = operator.slug === OPSGENIE_TEAM ? 'opsgenie' : 'pagerduty';
  const repository =
    owner.git === 'gitlab'
      ? repositoryOf(random, 'gitlab', `${ORG}/${owner.slug}/${slug}`, owner.slug)
      : repositoryOf(random, 'github', `${ORG}/${slug}`, owner.slug);
  const customerFacing = owner.side === 'dev';
  return {
    slug,
    name: slug
      .split('-')
      .map((word) => word[0].toUpperCase() + word.slice(1))
      .join(' '),
    ownedBy: owner.slug,
    operatedBy: operator.slug,
    repository,
    // Each Opsgenie-paged service has its own alerting integration, whose id its alerts carry.
    paging: tool === 'opsgenie' ? { tool, id: random.uuid(), name: `${slug} alerts` } : { tool, id: `P${random.chars(6, UPPER_ALPHANUMERIC)}`, name: slug },
    channel: channelOf(random, `svc-${slug}`),
    catalogEntryId: `01${random.chars(24, CROCKFORD)}`,
    ...(owner.slug === 'mobile' ? { jiraComponent: slug } : {}),
    ...(customerFacing ? { slo: random.chance(0.4) ? { availability: 0.999, severity: 'SEV2' as const } : { availability: 0.995, severity: 'SEV3' as const } } : {}),
  };
}
