/** A parsed JSON object body, as the specs that build deliveries from objects hold them. */
export type Json = Record<string, unknown>;

/**
 * Test-only: a copy of a parsed JSON body with one field changed or removed, to check that a
 * normalizer names the field it could not read. `path` is dotted (`pull_request.merged_at`,
 * `commits.0.author.email`); `undefined` removes the field.
 */
export function withField(body: string, path: string, value: unknown): string {
  const copy = JSON.parse(body) as unknown;
  const steps = path.split('.');
  let current: unknown = copy;
  for (const step of steps.slice(0, -1)) {
    if (typeof current !== 'object' || current === null) throw new Error(`no object at ${step} in ${path}`);
    current = (current as Record<string, unknown>)[step];
  }
  if (typeof current !== 'object' || current === null) throw new Error(`no object holds ${path}`);
  const last = steps[steps.length - 1];
  if (value === undefined) delete (current as Record<string, unknown>)[last];
  else (current as Record<string, unknown>)[last] = value;
  return JSON.stringify(copy);
}

/** Several `withField` changes in order. */
export function withFields(body: string, changes: Record<string, unknown>): string {
  return Object.entries(changes).reduce((text, [path, value]) => withField(text, path, value), body);
}

/** `withFields` for a body held as an object: a changed copy, the original untouched. */
export function withJsonFields(body: Json, changes: Record<string, unknown>): Json {
  return JSON.parse(withFields(JSON.stringify(body), changes)) as Json;
}
