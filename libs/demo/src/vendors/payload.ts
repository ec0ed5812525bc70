/** The exact bytes of a JSON body, as the vendors send it: compact UTF-8. */
export function jsonBody(body: object): Buffer {
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/**
 * The keys of `template`, in its order, with the values of `full`: the same object as the vendor
 * embeds it in one event type (a review's pull request carries fewer fields than a merge's).
 */
export function pickKeysOf(template: object, full: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(template).map((key) => [key, key in full ? full[key] : (template as Record<string, unknown>)[key]]));
}
