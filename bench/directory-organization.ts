import { stringify } from 'yaml';
import type { TeamKind } from '@tandem/directory';

/** The size of the benchmark organisation. */
export const ORGANIZATION_SIZE = { people: 5_000, teams: 500 } as const;

/** The tools every benchmark person has an identity in (as in tandem.yaml). */
export const BENCH_TOOLS = ['github', 'gitlab', 'slack', 'teams', 'pagerduty', 'opsgenie', 'jira', 'incidentio'] as const;

const KIND_MIX: readonly TeamKind[] = ['dev', 'dev', 'dev', 'dev', 'dev', 'sre', 'sre', 'platform', 'ops', 'other'];

/** A small seeded generator (mulberry32), so every run benchmarks the same organisation. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function benchIdentity(tool: (typeof BENCH_TOOLS)[number], person: number): string {
  return tool === 'slack' ? `U${(100_000 + person).toString(36).toUpperCase()}` : `${tool}-person-${person}`;
}

function isoDate(month: number, day: number): string {
  return `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * tandem.yaml for 5,000 people in 500 teams of mixed kinds: everyone has an identity in every
 * tool, a fifth are in a second team, and a quarter moved team at some date in the year.
 */
export function benchOrganizationYaml(): string {
  const random = seededRandom(42);
  const pick = (count: number) => Math.floor(random() * count);
  const teams = Array.from({ length: ORGANIZATION_SIZE.teams }, (_, index) => ({
    slug: `team-${index}`,
    name: `Team ${index}`,
    kind: KIND_MIX[index % KIND_MIX.length],
  }));
  const people = Array.from({ length: ORGANIZATION_SIZE.people }, (_, index) => {
    const home = `team-${pick(ORGANIZATION_SIZE.teams)}`;
    const memberships: { team: string; from: string; to?: string }[] = [];
    if (random() < 0.25) {
      const moved = isoDate(2 + pick(10), 1 + pick(28));
      memberships.push({ team: home, from: '2025-01-01', to: moved }, { team: `team-${pick(ORGANIZATION_SIZE.teams)}`, from: moved });
    } else {
      memberships.push({ team: home, from: '2025-01-01' });
    }
    if (random() < 0.2) memberships.push({ team: `team-${pick(ORGANIZATION_SIZE.teams)}`, from: isoDate(1 + pick(12), 1 + pick(28)) });
    // A membership may land twice in the same team by chance; the file must stay valid.
    const distinct = memberships.filter((membership, position) => memberships.findIndex((other) => other.team === membership.team) === position);
    return {
      id: `person-${index}`,
      name: `Person ${index}`,
      email: `person-${index}@example.com`,
      identities: Object.fromEntries(BENCH_TOOLS.map((tool) => [tool, benchIdentity(tool, index)])),
      memberships: distinct,
    };
  });
  const services = Array.from({ length: ORGANIZATION_SIZE.teams / 2 }, (_, index) => ({
    slug: `service-${index}`,
    ownedBy: `team-${index}`,
    operatedBy: `team-${index + 5}`,
    repos: [`acme/service-${index}`],
    paging: { pagerduty: [`PSVC${index}`] },
  }));
  return stringify({ organization: { name: 'Bench Corp', timezone: 'Europe/Berlin' }, teams, people, services });
}
