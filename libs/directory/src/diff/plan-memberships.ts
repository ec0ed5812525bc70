import type { MembershipInterval } from '../model/organization-model';

/** A membership change: the period that starts at `from` now ends at `to` (`to === from` withdraws it). */
export interface MembershipChange {
  team: string;
  from: string;
  to: string | null;
}

interface Period {
  membership: MembershipInterval;
  fromMs: number;
  toMs: number;
}

function periodOf(membership: MembershipInterval): Period {
  const toMs = membership.to === null ? Number.POSITIVE_INFINITY : Date.parse(membership.to);
  return { membership, fromMs: Date.parse(membership.from), toMs };
}

function overlaps(a: Period, b: Period): boolean {
  return a.fromMs < b.toMs && b.fromMs < a.toMs;
}

/** The changes for one team: current and desired periods of one person in it. */
function planTeam(current: Period[], desired: Period[], atMs: number, atIso: string): MembershipChange[] {
  const changes: MembershipChange[] = [];
  const unmatchedDesired: Period[] = [];
  const unmatchedCurrent = new Set(current);
  for (const wanted of desired) {
    const same = current.find((existing) => existing.fromMs === wanted.fromMs);
    if (!same) {
      unmatchedDesired.push(wanted);
      continue;
    }
    unmatchedCurrent.delete(same);
    if (same.toMs !== wanted.toMs) changes.push({ team: wanted.membership.team, from: same.membership.from, to: wanted.membership.to });
  }
  for (const existing of unmatchedCurrent) {
    const { team, from } = existing.membership;
    if (unmatchedDesired.some((wanted) => overlaps(existing, wanted))) {
      // The file now dates this period differently: the recorded one was wrong, withdraw it.
      changes.push({ team, from, to: from });
    } else if (existing.toMs > atMs) {
      // Gone from the file: the membership ends now (history keeps it); one not begun yet is withdrawn.
      changes.push({ team, from, to: existing.fromMs >= atMs ? from : atIso });
    }
    // A period that ended before now and left the file is history: it stays as it was.
  }
  for (const wanted of unmatchedDesired) changes.push({ ...wanted.membership });
  return changes;
}

/**
 * The membership changes that turn a person's recorded periods into the desired ones, matching
 * periods by team and start. Re-running it on its own result yields nothing.
 */
export function planMemberships(
  current: readonly MembershipInterval[],
  desired: readonly MembershipInterval[],
  atIso: string,
): MembershipChange[] {
  const atMs = Date.parse(atIso);
  const teams = [...new Set([...current, ...desired].map((membership) => membership.team))].sort();
  return teams.flatMap((team) =>
    planTeam(
      current.filter((membership) => membership.team === team).map(periodOf),
      desired.filter((membership) => membership.team === team).map(periodOf),
      atMs,
      atIso,
    ),
  );
}
