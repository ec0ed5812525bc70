import type { Directory } from '@tandem/directory';
import { ReportsError } from '../reports-error';
import { compareCodeUnits } from './canonical-json';
import type { MillisWindow } from './coverage';
import { canonicalInstant } from './instants';

/** `[from, to)` as canonical ISO instants and as milliseconds. */
export interface ResolvedWindow {
  iso: { from: string; to: string };
  millis: MillisWindow;
}

export function resolveWindow(from: string, to: string): ResolvedWindow {
  const iso = { from: canonicalInstant(from, '--from'), to: canonicalInstant(to, '--to') };
  const millis = { from: Date.parse(iso.from), to: Date.parse(iso.to) };
  if (millis.from >= millis.to) throw new ReportsError('REPORTS_INVALID_WINDOW', `--from (${iso.from}) must be before --to (${iso.to}).`);
  return { iso, millis };
}

export function isoWindow(window: MillisWindow): { from: string; to: string } {
  return { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() };
}

/** The teams that existed during some of the window (not retired before it began), by slug. */
export function teamsDuring(directory: Directory, window: MillisWindow): string[] {
  return directory
    .teams({ includeRetired: true })
    .filter((team) => team.retiredAt === null || Date.parse(team.retiredAt) > window.from)
    .map((team) => team.slug)
    .sort(compareCodeUnits);
}
