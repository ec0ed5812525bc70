import type { z } from 'zod';

/** A file read back: its content, or why it is not a snapshot. */
export type Decoded<Value> = { ok: true; value: Value; canonical: boolean } | { ok: false; reason: string };

export function parseJson<Schema extends z.ZodType>(bytes: Buffer, schema: Schema): { ok: true; value: z.infer<Schema> } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'the document'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, value: result.data };
}
