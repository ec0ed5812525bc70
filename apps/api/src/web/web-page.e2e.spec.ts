/**
 * The web page end to end, in headless Chromium (Debian's `chromium`, driven by playwright-core)
 * against a real embedded Tandem: two weeks of the demo organisation sent as signed webhooks
 * through the gateway, recorded, projected, and read by the page over GraphQL with real tokens.
 * Leaves a screenshot of a lead's overview in test/artifacts/web-page.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayModule } from '@apps/gateway';
import { ProjectorModule } from '@apps/projector';
import { RecorderModule } from '@apps/recorder';
import { feedDeliveries, generateDemo, type Demo } from '@tandem/demo';
import { launchChromium } from '@tandem/reports';
import { expectEventually } from '@tandem/testing';
import { WEBHOOK_SECRET_ENV, WEBHOOK_SOURCES, type WebhookSource } from '@tandem/webhooks';
import { ApiTokenRepository } from '@tandem/persistence';
import type { Browser, Page } from 'playwright-core';
import type { Registry } from 'prom-client';
import { startApi, type ApiUnderTest } from '../testing/api.harness.spec';

const ARTIFACTS = join(__dirname, '..', '..', '..', '..', 'test', 'artifacts');
const TOKEN_KEY = 'tandem.apiToken';
const LEAD_TEAM = 'payments';

/** Test-only signing secrets, in each vendor's format (Teams: base64; incident.io: whsec_ + base64). */
const SECRETS: Record<WebhookSource, string> = {
  github: 'web-e2e-github',
  gitlab: 'web-e2e-gitlab',
  slack: 'web-e2e-slack',
  teams: Buffer.from('web-e2e-teams-security-token').toString('base64'),
  pagerduty: 'web-e2e-pagerduty',
  opsgenie: 'web-e2e-opsgenie',
  incidentio: `whsec_${Buffer.from('web-e2e-incidentio-signing-key').toString('base64')}`,
  jira: 'web-e2e-jira',
};

/**
 * Each test signs in with its own token. The refill is slow (one request per 20 s) so that the
 * rate-limit test's exhausted token stays exhausted on a loaded machine; a burst of 40 is several
 * page loads.
 */
const RATE = { TANDEM_API_RATE_LIMIT: '0.05', TANDEM_API_RATE_BURST: '40' };

/** The token the page keeps (evaluated in the page: this file is compiled without the DOM's types). */
function storedToken(page: Page): Promise<string | null> {
  return page.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(TOKEN_KEY)})`);
}

async function metricValues(registry: Registry, name: string): Promise<number[]> {
  const metric = registry.getSingleMetric(name);
  return metric ? (await metric.get()).values.map((value) => value.value) : [];
}

/** Until the recorder has taken every accepted delivery and every projection has read the whole store. */
async function settled(api: ApiUnderTest, accepted: number): Promise<void> {
  const { metrics, eventStore } = api.running.infrastructure;
  await expectEventually(async () => {
    const recorded = (await metricValues(metrics, 'tandem_recorder_deliveries_total')).reduce((sum, value) => sum + value, 0);
    expect(recorded).toBeGreaterThanOrEqual(accepted);
  }, { timeoutMs: 480_000, intervalMs: 500 });
  const head = await eventStore.headPosition();
  await expectEventually(async () => {
    const positions = await metricValues(metrics, 'tandem_projection_position');
    expect(positions.length).toBeGreaterThan(0);
    expect(Math.min(...positions)).toBeGreaterThanOrEqual(head);
  }, { timeoutMs: 240_000, intervalMs: 500 });
}

describe('the web page at / (headless Chromium, embedded Tandem with two weeks of the demo)', () => {
  let api: ApiUnderTest;
  let demo: Demo;
  let browser: Browser;
  /** For the test's own GraphQL questions (its rate limit is not the pages'). */
  let probe: string;
  /** Uncaught exceptions of the pages, since the last `closed`. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    demo = generateDemo({ seed: 7, scale: 'small', weeks: 2, until: new Date(Math.floor(Date.now() / 60_000) * 60_000) });
    const secretEnv = Object.fromEntries(WEBHOOK_SOURCES.map((source) => [WEBHOOK_SECRET_ENV[source], SECRETS[source]]));
    api = await startApi({
      driver: 'mercurius',
      organization: demo.organizationYaml,
      env: { ...secretEnv, ...RATE },
      modules: [GatewayModule, RecorderModule, ProjectorModule],
    });
    const fed = await feedDeliveries(demo.deliveries(), { baseUrl: api.url, secrets: SECRETS });
    await settled(api, fed.accepted);
    probe = await api.issueToken('admin');
    browser = await launchChromium(api.config.reports.chromiumPath);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function openPage(hash = ''): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${api.url}/${hash}`);
    return page;
  }

  /** Closes the page's browser context; an uncaught exception in the page fails the test, whatever it looked at. */
  async function closed(page: Page): Promise<string[]> {
    await page.context().close();
    return pageErrors.splice(0);
  }

  async function signIn(page: Page, token: string): Promise<void> {
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** A window that holds the whole demo, as the page's "last 12 weeks" does. */
  function wholeDemo(): { from: string; to: string } {
    return { from: new Date(Date.parse(demo.from) - 7 * 86400_000).toISOString(), to: new Date(Date.now() + 3600_000).toISOString() };
  }

  it('serves the page without a token (it holds no data) while /graphql still refuses one', async () => {
    const page = await openPage();
    await page.getByLabel('API token').waitFor();
    expect(await page.title()).toBe('Tandem');
    expect(await page.locator('#dashboard').isVisible()).toBe(false);
    expect((await api.graphql('query { teams { slug } }')).status).toBe(401);
    expect(await closed(page)).toEqual([]);
  });

  it('refuses a bad token with a clear message, and keeps nothing', async () => {
    const page = await openPage();
    await signIn(page, 'tdm_this-token-does-not-exist');

    await expectEventually(async () => expect(await page.locator('#token-error').textContent()).toContain('Tandem did not accept this token'), { timeoutMs: 20_000, intervalMs: 100 });
    expect(await page.locator('#token-error').isVisible()).toBe(true);
    expect(await page.locator('#dashboard').isVisible()).toBe(false);
    expect(await storedToken(page)).toBeNull();
    expect(await closed(page)).toEqual([]);
  });

  it("shows a lead their team: KPI numbers with weekly trends, the review heat map, incidents with milestones, and a number's explanation", async () => {
    const lead = await api.issueToken('lead', [LEAD_TEAM]);
    const demoWindow = wholeDemo();
    const expected = await api.graphql<{
      kpis: { kpi: string; value: number | null; sampleSize: number }[];
      reviewMatrix: { reviews: number }[];
      incidents: { totalCount: number };
      explain: { facts: unknown[] };
    }>(
      `query Expected($from: DateTime!, $to: DateTime!) {
        kpis(scope: { team: "${LEAD_TEAM}" }, from: $from, to: $to) { kpi value sampleSize }
        reviewMatrix(from: $from, to: $to) { reviews }
        incidents(team: "${LEAD_TEAM}", from: $from, to: $to, first: 1) { totalCount }
        explain(id: "deployment_frequency", scope: { team: "${LEAD_TEAM}" }, from: $from, to: $to) { facts { key } }
      }`,
      { token: probe, variables: demoWindow },
    );
    expect(expected.body.errors).toBeUndefined();
    const data = expected.body.data!;
    const deployments = data.kpis.find((value) => value.kpi === 'deployment_frequency')!;
    expect(deployments.value).toBeGreaterThan(0);
    expect(data.incidents.totalCount).toBeGreaterThan(0);

    const page = await openPage(`#team=${LEAD_TEAM}`);
    await signIn(page, lead);
    await expectEventually(async () => expect(await page.locator('#who').textContent()).toBe(`Signed in as a lead of ${LEAD_TEAM}`), { timeoutMs: 20_000, intervalMs: 100 });
    expect(await storedToken(page)).toBe(lead);

    // The overview: one card per KPI (the review matrix has its heat map), each number as the API has it.
    const cards = page.locator('.kpi-card');
    await cards.first().waitFor({ timeout: 60_000 });
    expect(await cards.count()).toBe(data.kpis.length - 1);
    expect(await page.locator('.kpi-card[data-kpi="deployment_frequency"] .kpi-value').textContent()).toBe(String(deployments.value));
    const withValues = data.kpis.filter((value) => value.value !== null && value.kpi !== 'review_matrix').length;
    expect(await page.locator('.kpi-value', { hasNotText: /no data|suppressed/ }).count()).toBe(withValues);
    expect(await page.locator('.kpi-card svg.sparkline').count()).toBe(data.kpis.length - 1);
    expect(await page.locator('svg.sparkline polyline').count()).toBeGreaterThan(3);

    // The heat map: a button per team pair with reviews, holding the API's counts.
    await page.locator('table.matrix').waitFor({ timeout: 60_000 });
    const cells = await page.locator('table.matrix button.cell').allTextContents();
    expect(cells.map((text) => Number(text.replace(/,/g, ''))).sort((a, b) => a - b)).toEqual(data.reviewMatrix.map((flow) => flow.reviews).sort((a, b) => a - b));

    // The incidents of the lead's team, newest first, with their milestones.
    await page.locator('table.incidents').waitFor({ timeout: 60_000 });
    expect(await page.locator('table.incidents tbody tr').count()).toBe(Math.min(20, data.incidents.totalCount));
    expect(await page.locator('table.incidents tbody tr').first().locator('td time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

    await page.locator('#feed .live-status[data-status="live"]').waitFor({ timeout: 60_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'web-page.png'), fullPage: true });

    // A number opened from the keyboard: its sample, its definition and the facts behind it.
    const number = page.locator('.kpi-card[data-kpi="deployment_frequency"] .kpi-value');
    await number.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog#explanation');
    await dialog.locator('table.facts').waitFor({ timeout: 60_000 });
    expect(await dialog.locator('h2').textContent()).toBe('Production deployments: Payments');
    expect(await dialog.locator('.numbers').textContent()).toContain(`Sample size${deployments.sampleSize}`);
    expect(await dialog.locator('.definition').first().textContent()).toContain('Definition:');
    expect(await dialog.locator('table.facts caption').textContent()).toContain(`The ${data.explain.facts.length} facts behind the number`);
    expect(await dialog.locator('table.facts tbody tr').count()).toBe(Math.min(50, data.explain.facts.length));
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.evaluate('document.activeElement.closest(".kpi-card").dataset.kpi + " " + document.activeElement.className')).toBe('deployment_frequency kpi-value');
    expect(await closed(page)).toEqual([]);
  });

  it('shows the recognition feed, and a kudos live the moment it is given, without a reload', async () => {
    const viewer = await api.issueToken('member');
    const page = await openPage(`#team=${LEAD_TEAM}`);
    await signIn(page, viewer);
    await page.locator('#feed .live-status[data-status="live"]').waitFor({ timeout: 60_000 });
    const before = await page.locator('#feed li.recognition').count();

    // "live" means the socket is acknowledged; the subscription itself is registered a moment
    // later. A kudos given in between is missed by design (the feed query had not seen it either),
    // so another colleague gives one: each giver may give two a day.
    const tokens = api.running.app.get(ApiTokenRepository);
    const [recipient, ...givers] = demo.organization.people.filter((person) => person.team === LEAD_TEAM && person.move === undefined);
    let message = '';
    for (const giver of givers.slice(0, 3)) {
      const token = (await tokens.issue({ role: 'member', teams: [], personId: giver.id })).token;
      message = `pairing on the ledger incident with ${giver.firstName}`;
      const given = await api.graphql('mutation Give($to: [String!]!, $message: String!) { giveKudos(to: $to, message: $message) { id } }', { token, variables: { to: [recipient.id], message } });
      expect(given.body.errors).toBeUndefined();
      const arrived = await expectEventually(async () => expect(await page.locator('#feed li.recognition.fresh').first().textContent()).toContain(message), { timeoutMs: 20_000, intervalMs: 100 }).then(
        () => true,
        () => false,
      );
      if (arrived) break;
    }

    const fresh = page.locator('#feed li.recognition.fresh').first();
    expect(await fresh.textContent()).toContain(message);
    expect(await fresh.locator('.recognition-head').textContent()).toContain(`→ ${recipient.name}`);
    expect(await page.locator('#feed li.recognition').count()).toBeGreaterThan(before);
    expect(await page.locator('#feed [aria-live="polite"]').textContent()).toContain(message);
    expect(await closed(page)).toEqual([]);
  });

  it('tells a member plainly what needs a lead token, and still shows the numbers behind a value', async () => {
    const member = await api.issueToken('member');
    const page = await openPage();
    await signIn(page, member);

    await expectEventually(async () => expect(await page.locator('#incidents').textContent()).toContain('The incident list needs a lead or admin token'), { timeoutMs: 20_000, intervalMs: 100 });
    await page.locator('.kpi-card[data-kpi="deployment_frequency"] .kpi-value').click({ timeout: 60_000 });
    const dialog = page.locator('dialog#explanation');
    await expectEventually(async () => expect(await dialog.locator('.message.error').textContent()).toContain('this token cannot see them'), { timeoutMs: 30_000, intervalMs: 100 });
    expect(await dialog.locator('.numbers').textContent()).toContain('Sample size');
    expect(await closed(page)).toEqual([]);
  });

  it('says plainly when the token is rate limited', async () => {
    const member = await api.issueToken('member');
    let status = 0;
    for (let request = 0; request <= Number(RATE.TANDEM_API_RATE_BURST) && status !== 429; request += 1) {
      status = (await api.graphql('query { viewer { role } }', { token: member })).status;
    }
    expect(status).toBe(429);

    const page = await openPage();
    await signIn(page, member);
    await expectEventually(async () => expect(await page.locator('#token-error').textContent()).toMatch(/^Too many requests with this token: Tandem asks to wait \d+ s/), {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    expect(await closed(page)).toEqual([]);
  });

  it('keeps the token across a reload until the user signs out', async () => {
    const member = await api.issueToken('member');
    const page = await openPage();
    await signIn(page, member);
    await page.locator('#sign-out').waitFor({ timeout: 20_000 });

    await page.reload();
    await expectEventually(async () => expect(await page.locator('#who').textContent()).toBe('Signed in with a member token'), { timeoutMs: 20_000, intervalMs: 100 });
    await page.locator('#sign-out').click();

    expect(await page.locator('#sign-in').isVisible()).toBe(true);
    expect(await page.locator('#dashboard').isVisible()).toBe(false);
    expect(await storedToken(page)).toBeNull();
    expect(await closed(page)).toEqual([]);
  });
});
