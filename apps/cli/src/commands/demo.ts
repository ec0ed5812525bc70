import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { feedDeliveries, generateDemo, type Demo, type DemoScale } from '@tandem/demo';
import { parseOrganization } from '@tandem/directory';
import type { Registry } from '@tandem/observability';
import { applyOrganization, describeApplySummary } from '@tandem/organization';
import { startApp, type Infrastructure } from '@tandem/runtime';
import { WEBHOOK_SECRET_ENV, WEBHOOK_SOURCES, type WebhookSource } from '@tandem/webhooks';
import { EMBEDDED } from '../apps';
import { createToken } from './token';

export interface DemoCommandOptions {
  seed: number;
  scale: DemoScale;
  data: string;
  port?: number;
  weeks?: number;
}

/**
 * Demo signing secrets, used for every source the environment configures none for: the demo signs
 * its deliveries with them and the gateway checks them. Known to anyone who reads this file, so
 * never for a real installation.
 */
const DEMO_SECRETS: Readonly<Record<WebhookSource, string>> = {
  github: 'tandem-demo-github-secret',
  gitlab: 'tandem-demo-gitlab-token',
  slack: 'tandem-demo-slack-signing-secret',
  teams: Buffer.from('tandem-demo-teams-security-token').toString('base64'),
  pagerduty: 'tandem-demo-pagerduty-secret',
  opsgenie: 'tandem-demo-opsgenie-token',
  incidentio: `whsec_${Buffer.from('tandem-demo-incidentio-signing-key').toString('base64')}`,
  jira: 'tandem-demo-jira-secret',
};

/** How long the recorder may go without recording anything before the demo gives up waiting. */
const RECORDER_STALL_MS = 60_000;

/** Where the demo reports, and the environment it reads its configuration from. */
export interface DemoIo {
  env: Readonly<Record<string, string | undefined>>;
  say(line: string): void;
}

const TERMINAL: DemoIo = { env: process.env, say: (line) => process.stdout.write(`${line}\n`) };

/** The demo's server, still running when `runDemo` returns: the command leaves it serving until Ctrl-C. */
export interface RunningDemo {
  url: string;
  stop(): Promise<void>;
}

/**
 * `tandem demo`: starts the embedded mode, applies the demo organisation, sends every delivery of
 * the demo through the real gateway over HTTP, waits until the recorder has recorded them, prints
 * where to look, and leaves the server running. Running it again on the same data folder sends the
 * same deliveries (the story's clock is pinned in the folder) and the store keeps one copy of each.
 */
export async function runDemo(options: DemoCommandOptions, io: DemoIo = TERMINAL): Promise<RunningDemo> {
  const { env, say } = io;
  const startedAt = Date.now();
  await mkdir(options.data, { recursive: true });
  const until = await pinnedClock(options);
  const demo = generateDemo({ seed: options.seed, scale: options.scale, until, weeks: options.weeks });
  const organizationFile = join(options.data, 'tandem.yaml');
  await writeFile(organizationFile, demo.organizationYaml);

  const config = loadConfig({
    ...env,
    ...demoSecretsMissingFrom(env),
    TANDEM_MODE: 'embedded',
    TANDEM_DATA_DIR: options.data,
    TANDEM_CONFIG: organizationFile,
    // The demo talks to a person at a terminal: only problems are logged.
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    ...(options.port !== undefined ? { PORT: String(options.port) } : {}),
  });
  const { app, infrastructure, url } = await startApp(EMBEDDED, config);
  try {
    await feedAndReport(demo, options, { config, infrastructure, url, organizationFile, startedAt }, say);
  } catch (error) {
    // A demo that failed half-way must not keep a server running behind the error.
    await app.close();
    throw error;
  }
  return { url, stop: () => app.close() };
}

interface Started {
  config: TandemConfig;
  infrastructure: Infrastructure;
  url: string;
  organizationFile: string;
  startedAt: number;
}

async function feedAndReport(demo: Demo, options: DemoCommandOptions, started: Started, say: (line: string) => void): Promise<void> {
  const { config, infrastructure, url, organizationFile, startedAt } = started;
  const { eventStore, metrics } = infrastructure;
  const applied = await applyOrganization(eventStore, parseOrganization(demo.organizationYaml, organizationFile), { by: 'tandem.yaml', at: demo.organizationAppliedAt });
  say(`Northwind demo: seed ${options.seed}, ${options.scale} scale, activity from ${demo.from.slice(0, 10)} to ${demo.until.slice(0, 16).replace('T', ' ')} UTC`);
  say(`organisation ${organizationFile}: ${describeApplySummary(applied)}`);

  const headBefore = await eventStore.headPosition();
  const recordedBefore = await recordedDeliveries(metrics);
  const secrets = Object.fromEntries(WEBHOOK_SOURCES.map((source) => [source, config.webhookSecrets[source][0]])) as Record<WebhookSource, string>;
  const fed = await withProgress('sending   {bar} {percentage}% | day {value}/{total} of the story', storyDays(demo), async (progress) => {
    let day = 0;
    const onAnswered = (delivery: { at: string }) => progress((day = Math.max(day, storyDay(demo, delivery.at))));
    return feedDeliveries(demo.deliveries(), { baseUrl: url, secrets, onAnswered });
  });
  await withProgress('recording {bar} {percentage}% | {value}/{total} deliveries', fed.accepted, async (progress) =>
    waitForRecorder(metrics, recordedBefore, fed.accepted, progress),
  );
  const headAfter = await eventStore.headPosition();
  // Each run issues its own admin token: tokens are shown once and stored hashed.
  const token = (await createToken(config, { role: 'admin', teams: [] })).at(-1) ?? '';

  say(`deliveries: ${count(fed.sent)} sent, ${count(fed.accepted)} accepted (${bySource(fed.sentBySource)})`);
  say(`events recorded: ${count(headAfter - headBefore)} new, ${count(headAfter)} in the store`);
  say(`took ${seconds(Date.now() - startedAt)}`);
  say('');
  say('Look around (the API and the metrics want the token: Authorization: Bearer <token>):');
  say(`  web page   ${url}/`);
  say(`  GraphQL    ${url}/graphql`);
  say(`  metrics    ${url}/metrics`);
  say(`  admin token for the demo: ${token}`);
  say(`Serving until Ctrl-C. Later: tandem start --data ${options.data} --config ${organizationFile}`);
}

/**
 * The instant the story ends, chosen on the first run and kept in the data folder: a re-run of the
 * same demo then sends byte-identical deliveries, and the recorder's deterministic ids add nothing.
 */
async function pinnedClock(options: DemoCommandOptions): Promise<Date> {
  const file = join(options.data, 'demo.json');
  const key = { seed: options.seed, scale: options.scale, weeks: options.weeks ?? null };
  const pinned = await readPin(file);
  if (pinned?.seed === key.seed && pinned.scale === key.scale && pinned.weeks === key.weeks) return new Date(pinned.until);
  const until = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  await writeFile(file, `${JSON.stringify({ ...key, until: until.toISOString() }, null, 2)}\n`);
  return until;
}

async function readPin(file: string): Promise<{ seed: number; scale: string; weeks: number | null; until: string } | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as { seed: number; scale: string; weeks: number | null; until: string };
  } catch {
    // Absent (a first run) or unreadable: the demo pins a new clock.
    return undefined;
  }
}

function demoSecretsMissingFrom(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const missing = WEBHOOK_SOURCES.filter((source) => !env[WEBHOOK_SECRET_ENV[source]]?.trim());
  return Object.fromEntries(missing.map((source) => [WEBHOOK_SECRET_ENV[source], DEMO_SECRETS[source]]));
}

/** Deliveries the recorder has consumed, whatever their outcome (recorded, ignored, dead-lettered). */
async function recordedDeliveries(metrics: Registry): Promise<number> {
  const metric = metrics.getSingleMetric('tandem_recorder_deliveries_total');
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  return values.reduce((sum, { value }) => sum + value, 0);
}

async function waitForRecorder(metrics: Registry, before: number, accepted: number, progress: (value: number) => void): Promise<void> {
  let last = -1;
  let lastProgressAt = Date.now();
  for (;;) {
    const recorded = (await recordedDeliveries(metrics)) - before;
    progress(Math.min(recorded, accepted));
    if (recorded >= accepted) return;
    if (recorded !== last) {
      last = recorded;
      lastProgressAt = Date.now();
    } else if (Date.now() - lastProgressAt > RECORDER_STALL_MS) {
      throw new Error(`the recorder stopped: ${recorded} of ${accepted} deliveries recorded and none for ${RECORDER_STALL_MS / 1000} s (see the logs)`);
    }
    await delay(200);
  }
}

/** A progress bar on stderr (shown on a terminal only), around one phase of the demo. */
async function withProgress<T>(format: string, total: number, phase: (progress: (value: number) => void) => Promise<T>): Promise<T> {
  const bar = new SingleBar({ format, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0);
  try {
    return await phase((value) => bar.update(value));
  } finally {
    bar.stop();
  }
}

/** Progress through the story in days: deliveries come in time order, so the day is the progress. */
function storyDays(demo: Demo): number {
  return storyDay(demo, demo.until);
}

function storyDay(demo: Demo, at: string): number {
  return Math.ceil((Date.parse(at) - Date.parse(demo.from)) / 86_400_000);
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function bySource(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([source, value]) => `${source} ${count(value)}`)
    .join(', ');
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
