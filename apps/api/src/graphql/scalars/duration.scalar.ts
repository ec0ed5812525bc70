import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from '../errors/api-errors';

/**
 * ISO 8601 durations of fixed length only: weeks, days, hours, minutes, seconds. Years and months
 * are left out on purpose: their length depends on the calendar, so they name no number of seconds.
 */
const ISO_DURATION = /^(-)?P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?)$/;
const UNIT_SECONDS = { W: 604_800, D: 86_400, H: 3_600, M: 60 } as const;

/** Seconds in a duration such as `PT1H30M` or `P2DT4H`, or undefined if it is not one. */
export function parseDurationSeconds(text: string): number | undefined {
  const match = ISO_DURATION.exec(text);
  if (!match || text.endsWith('T') || /^-?P$/.test(text)) return undefined;
  const [, negative, weeks, days, hours, minutes, seconds] = match;
  const total =
    Number(weeks ?? 0) * UNIT_SECONDS.W +
    Number(days ?? 0) * UNIT_SECONDS.D +
    Number(hours ?? 0) * UNIT_SECONDS.H +
    Number(minutes ?? 0) * UNIT_SECONDS.M +
    Number(seconds ?? 0);
  return negative && total !== 0 ? -total : total;
}

/** The canonical form: days, then hours, minutes, seconds (milliseconds at most); `PT0S` for zero. */
export function formatDurationSeconds(totalSeconds: number): string {
  const milliseconds = Math.round(Math.abs(totalSeconds) * 1000);
  const sign = totalSeconds < 0 && milliseconds > 0 ? '-' : '';
  const days = Math.floor(milliseconds / 86_400_000);
  const hours = Math.floor((milliseconds % 86_400_000) / 3_600_000);
  const minutes = Math.floor((milliseconds % 3_600_000) / 60_000);
  const seconds = (milliseconds % 60_000) / 1000;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `${sign}P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

function parse(value: unknown): number {
  const seconds = typeof value === 'string' ? parseDurationSeconds(value) : undefined;
  if (seconds === undefined) throw badUserInput('Duration must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. PT1H30M');
  return seconds;
}

/** Durations in and out: resolvers see seconds (a number), clients ISO 8601 (`PT1H30M`). */
export const DurationScalar = new GraphQLScalarType<number, string>({
  name: 'Duration',
  description: 'A length of time in ISO 8601, in weeks, days, hours, minutes and seconds (PT1H30M, P2DT4H, PT0.5S); never years or months.',
  serialize(value) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new GraphQLError(`Duration cannot represent ${String(value)}`);
    return formatDurationSeconds(value);
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badUserInput('Duration must be a string');
    return parse(ast.value);
  },
});
