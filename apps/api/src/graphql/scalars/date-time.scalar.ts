import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from '../errors/api-errors';

/** RFC 3339 date-time with a mandatory offset: a local time without one names no instant. */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instant a string names, or undefined if it is not a valid RFC 3339 date-time (e.g. 30 February). */
export function parseInstant(text: string): Date | undefined {
  const match = RFC_3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offsetValid = match[9] === undefined || (Number(match[9]) <= 23 && Number(match[10]) <= 59);
  const fieldsValid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
  if (!offsetValid || !fieldsValid) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

function parse(value: unknown): Date {
  const instant = typeof value === 'string' ? parseInstant(value) : undefined;
  if (!instant) throw badUserInput('DateTime must be an RFC 3339 date-time with an offset, e.g. 2026-03-01T09:30:00Z');
  return instant;
}

/** The output of instants made by `keptInstant`, formatted once. */
const formattedInstants = new WeakMap<Date, string>();

/**
 * An instant for a value kept and served many times (a KPI value, an incident of a kept list):
 * formatted once here, not in every response. Never modify it (`setTime`): the text would not follow.
 */
export function keptInstant(text: string): Date {
  const instant = new Date(text);
  if (!Number.isNaN(instant.getTime())) formattedInstants.set(instant, instant.toISOString());
  return instant;
}

/** Instants in and out: resolvers see a `Date`; clients see UTC with milliseconds. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant: an RFC 3339 date-time with an offset (2026-03-01T09:30:00+01:00); returned in UTC, e.g. 2026-03-01T08:30:00.000Z.',
  serialize(value) {
    const formatted = value instanceof Date ? formattedInstants.get(value) : undefined;
    if (formatted !== undefined) return formatted;
    const instant = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
    if (!instant || Number.isNaN(instant.getTime())) throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
    return instant.toISOString();
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badUserInput('DateTime must be a string');
    return parse(ast.value);
  },
});
