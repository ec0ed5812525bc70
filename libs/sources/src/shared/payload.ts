import type { z } from 'zod';
import type { WebhookEnvelope } from '@tandem/webhooks';
import { NormalizationError } from '../normalization-error';
import type { ParsedBody } from '../normalizer';
import { InvalidVendorTime } from '../vendor-time';

/**
 * Reading vendor payloads: every failure becomes `NormalizationError('MALFORMED')` naming the
 * field (its zod path), so a dead-lettered delivery says what was wrong without a debugger.
 */

/** The delivery body as JSON (`parsed` when the caller has parsed it); a body that is not JSON is MALFORMED. */
export function parseJsonBody(delivery: WebhookEnvelope, parsed: ParsedBody | undefined): unknown {
  if (parsed !== undefined) return parsed.json;
  try {
    return JSON.parse(delivery.body) as unknown;
  } catch (cause) {
    throw new NormalizationError('MALFORMED', `${delivery.source} delivery body is not JSON`, { cause });
  }
}

/**
 * Parses `value` with a zod schema of exactly the fields a normalizer reads. Schemas are plain
 * `z.object`s: other fields are accepted and dropped from the result rather than copied into it
 * (a loose object copies every member of a large payload, the bulk of the parsing time). The message
 * names each bad field, e.g. `pull_request.merged_at: expected string or null, received number`.
 */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map(describeIssue).join('; ');
  throw new NormalizationError('MALFORMED', `${what}: ${problems}`, { cause: result.error });
}

/** Runs a vendor-time parser on a payload field, naming the field when the time is unreadable. */
export function timeAt(parse: (input: unknown) => string, value: unknown, field: string): string {
  try {
    return parse(value);
  } catch (error) {
    if (error instanceof InvalidVendorTime) {
      throw new NormalizationError('MALFORMED', `${field}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** `timeAt` for an optional field: null or absent stays undefined. */
export function optionalTimeAt(parse: (input: unknown) => string, value: unknown, field: string): string | undefined {
  return value === null || value === undefined ? undefined : timeAt(parse, value, field);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
  return `${path}: ${issueText(issue)}`;
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    // One alternative per branch: "expected string or number".
    const expected = issue.errors
      .map((branch) => branch.find((inner) => inner.path.length === 0 && inner.code === 'invalid_type'))
      .map((inner) => (inner?.code === 'invalid_type' ? inner.expected : undefined));
    if (expected.every((entry) => entry !== undefined)) return `expected ${[...new Set(expected)].join(' or ')}`;
  }
  return issue.message.replace(/^Invalid (input|option): /, '');
}
