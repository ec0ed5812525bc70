import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WEBHOOK_ENVELOPE_VERSION, type WebhookEnvelope, type WebhookSource } from '@tandem/webhooks';

/**
 * Test-only: the vendor samples in `test/fixtures/webhooks/<dir>/` as deliveries. Not exported from
 * the lib's index (it reads files; normalizers never do).
 */
export const WEBHOOK_FIXTURES_ROOT = resolve(__dirname, '../../../../../test/fixtures/webhooks');

export interface WebhookFixture {
  /** File name without `.json`, e.g. `pull_request__closed.merged`. */
  name: string;
  body: string;
  /** The sibling `.source.txt` (origin, edits, the header the vendor sends), '' when absent. */
  notes: string;
}

/** Every `*.json` sample of one folder, sorted by name, so new samples are picked up by the tests. */
export function webhookFixtures(dir: string): WebhookFixture[] {
  const cached = loaded.get(dir);
  if (cached) return cached;
  const folder = join(WEBHOOK_FIXTURES_ROOT, dir);
  const files = readdirSync(folder);
  const fixtures = files
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      const notesFile = `${name}.source.txt`;
      return {
        name,
        body: readFileSync(join(folder, file), 'utf8'),
        notes: files.includes(notesFile) ? readFileSync(join(folder, notesFile), 'utf8') : '',
      };
    });
  loaded.set(dir, fixtures);
  return fixtures;
}

const loaded = new Map<string, WebhookFixture[]>();

export function webhookFixture(dir: string, name: string): WebhookFixture {
  const fixture = webhookFixtures(dir).find((candidate) => candidate.name === name);
  if (!fixture) throw new Error(`no fixture ${dir}/${name}.json`);
  return fixture;
}

/** The value the notes give for a header, e.g. `X-GitHub-Event header value: pull_request`. */
export function headerValueFromNotes(notes: string, header: string): string | undefined {
  const escaped = header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped} header value: (.+?)\\s*(?:\\(.*)?$`, 'im').exec(notes)?.[1]?.trim();
}

/**
 * For vendors that name the event only in a header (GitHub, GitLab): the header's value for a
 * sample, from its notes. A delivery without a sample, or a sample whose notes name none, fails.
 */
export function notedHeader(dir: string, header: string): (sample: string | undefined) => string {
  return (sample) => {
    if (sample === undefined) throw new Error(`a ${dir} delivery is built from a sample, whose notes name its ${header}`);
    const value = headerValueFromNotes(webhookFixture(dir, sample).notes, header);
    if (!value) throw new Error(`${sample}.source.txt names no ${header}`);
    return value;
  };
}

/** A verified delivery as the gateway would put it on the log. */
export function fixtureEnvelope(
  source: WebhookSource,
  body: string | object,
  headers: Record<string, string>,
  deliveryId = 'delivery-1',
): WebhookEnvelope {
  return {
    version: WEBHOOK_ENVELOPE_VERSION,
    source,
    deliveryId,
    // Deliberately far from every payload time: a normalizer that used it would fail the tests.
    receivedAt: '2099-01-01T00:00:00.000Z',
    correlationId: `correlation-${deliveryId}`,
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
