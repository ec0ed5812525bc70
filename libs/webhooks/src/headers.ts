/** Request headers as Node hands them over: names lower-cased, repeated headers as arrays. */
export type IncomingHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The raw material every check works on: the exact bytes the vendor signed, and its headers. */
export interface WebhookRequest {
  readonly headers: IncomingHeaders;
  readonly rawBody: Buffer;
}

/** The first value of a header, looked up case-insensitively; an empty value counts as absent. */
export function headerValue(headers: IncomingHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

/** Copies the allow-listed headers (lower-cased names), joining repeated ones as HTTP does. */
export function keepHeaders(headers: IncomingHeaders, allowList: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of allowList) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
    else if (Array.isArray(value)) kept[name] = value.join(', ');
  }
  return kept;
}
