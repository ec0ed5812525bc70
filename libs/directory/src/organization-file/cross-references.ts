import { closest } from 'fastest-levenshtein';
import { normalizeEmail, normalizeExternalId, normalizeRepo } from '../model/identity-keys';
import { CONFIGURED_IDENTITY_TOOLS } from '../model/organization-model';
import { isRecord, recordsOf, textOf, textsOf, type RawRecord } from './raw-access';
import type { PathIssue } from './schema-issues';
import { repositoryRef } from './to-organization-model';
import { formatPath, type YamlPath } from './yaml-locator';

/**
 * Remembers who first used each value and reports the later uses. Who the first user was is
 * spelled out only for a report: formatting a path for each of 50,000 identities of a valid file
 * would cost more than the whole check.
 */
class UniquenessCheck {
  private readonly firstUse = new Map<string, () => string>();

  constructor(private readonly issues: PathIssue[]) {}

  /** `owner` names the first user in messages; by default, the path itself. */
  check(key: string, path: YamlPath, describe: (firstOwner: string) => string, owner: () => string = () => formatPath(path)): void {
    const first = this.firstUse.get(key);
    if (first !== undefined) this.issues.push({ path, message: describe(first()) });
    else this.firstUse.set(key, owner);
  }
}

function unknownTeam(slug: string, teams: ReadonlySet<string>): string {
  const suggestion = teams.size > 0 ? closest(slug, [...teams]) : undefined;
  const hint = suggestion !== undefined && suggestion.length > 0 ? ` (did you mean "${suggestion}"?)` : '';
  return `unknown team "${slug}"${hint}`;
}

function checkTeams(root: RawRecord, issues: PathIssue[]): Set<string> {
  const slugs = new UniquenessCheck(issues);
  const known = new Set<string>();
  for (const [index, team] of recordsOf(root.teams)) {
    const slug = textOf(team.slug);
    if (slug === undefined) continue;
    slugs.check(slug, ['teams', index, 'slug'], (first) => `team "${slug}" is already defined at ${first}`);
    known.add(slug);
  }
  for (const [index, team] of recordsOf(root.teams)) {
    const parent = textOf(team.parent);
    if (parent !== undefined && !known.has(parent)) issues.push({ path: ['teams', index, 'parent'], message: unknownTeam(parent, known) });
  }
  return known;
}

/** Dated intervals in one team must not overlap: an as-of query would not know which one holds. */
function checkMemberships(person: RawRecord, personPath: YamlPath, teams: ReadonlySet<string>, issues: PathIssue[]): void {
  const intervals: { team: string; from: number; to: number; index: number }[] = [];
  for (const [index, membership] of recordsOf(person.memberships)) {
    const path = [...personPath, 'memberships', index];
    const team = textOf(membership.team);
    if (team !== undefined && !teams.has(team)) issues.push({ path: [...path, 'team'], message: unknownTeam(team, teams) });
    const from = Date.parse(textOf(membership.from) ?? '');
    const to = membership.to === null || membership.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(textOf(membership.to) ?? '');
    if (Number.isNaN(from) || Number.isNaN(to) || team === undefined) continue;
    if (to < from) {
      issues.push({ path: [...path, 'to'], message: `ends (${textOf(membership.to)}) before it starts (${textOf(membership.from)})` });
      continue;
    }
    const overlapped = intervals.find((other) => other.team === team && other.from < to && from < other.to);
    if (overlapped) {
      issues.push({ path, message: `overlaps ${formatPath([...personPath, 'memberships', overlapped.index])} in team "${team}"` });
    }
    intervals.push({ team, from, to, index });
  }
}

/** A person's identities as (what to call it, its unique key, where it is written). */
function identitiesOf(person: RawRecord): [string, string, string, YamlPath][] {
  const found: [string, string, string, YamlPath][] = [];
  const email = textOf(person.email);
  if (email !== undefined) found.push(['email', email, normalizeEmail(email), ['email']]);
  if (!isRecord(person.identities)) return found;
  for (const tool of CONFIGURED_IDENTITY_TOOLS) {
    const externalId = textOf(person.identities[tool]);
    if (externalId !== undefined) found.push([tool, externalId, normalizeExternalId(tool, externalId), ['identities', tool]]);
  }
  return found;
}

function checkPeople(root: RawRecord, teams: ReadonlySet<string>, issues: PathIssue[]): void {
  const ids = new UniquenessCheck(issues);
  const identities = new UniquenessCheck(issues);
  for (const [index, person] of recordsOf(root.people)) {
    const personPath: YamlPath = ['people', index];
    const personId = textOf(person.id);
    if (personId !== undefined) ids.check(personId, [...personPath, 'id'], (first) => `person "${personId}" is already defined at ${first}`);
    checkMemberships(person, personPath, teams, issues);
    for (const [tool, externalId, key, keyPath] of identitiesOf(person)) {
      identities.check(
        `${tool}\u0000${key}`,
        [...personPath, ...keyPath],
        (first) => `${tool} identity "${externalId}" already belongs to ${first}`,
        () => (personId === undefined ? formatPath(personPath) : `${formatPath(personPath)} (${personId})`),
      );
    }
  }
}

function checkServices(root: RawRecord, teams: ReadonlySet<string>, issues: PathIssue[]): void {
  const slugs = new UniquenessCheck(issues);
  const routes = new UniquenessCheck(issues);
  for (const [index, service] of recordsOf(root.services)) {
    const path: YamlPath = ['services', index];
    const slug = textOf(service.slug);
    if (slug !== undefined) slugs.check(slug, [...path, 'slug'], (first) => `service "${slug}" is already defined at ${first}`);
    for (const key of ['ownedBy', 'operatedBy']) {
      const team = textOf(service[key]);
      if (team !== undefined && !teams.has(team)) issues.push({ path: [...path, key], message: unknownTeam(team, teams) });
    }
    // A repo, paging service or channel routes events to one service only.
    for (const [repoIndex, repo] of textsOf(service.repos)) {
      routes.check(`repo\u0000${normalizeRepo(repositoryRef(repo).id)}`, [...path, 'repos', repoIndex], (first) => `repository "${repo}" is already mapped at ${first}`);
    }
    for (const group of ['paging', 'incidentServices', 'channels']) {
      const byTool = service[group];
      if (!isRecord(byTool)) continue;
      for (const [tool, ids] of Object.entries(byTool)) {
        for (const [idIndex, id] of textsOf(ids)) {
          routes.check(`${group}\u0000${tool}\u0000${id}`, [...path, group, tool, idIndex], (first) => `${tool} id "${id}" is already mapped at ${first}`);
        }
      }
    }
  }
}

/**
 * The checks no schema can make: references to teams that exist, ids and identities used once,
 * memberships that end after they start and do not overlap.
 */
export function crossReferenceIssues(root: unknown): PathIssue[] {
  if (!isRecord(root)) return [];
  const issues: PathIssue[] = [];
  const teams = checkTeams(root, issues);
  checkPeople(root, teams, issues);
  checkServices(root, teams, issues);
  return issues;
}
