import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedEmbeddedStore, tandem } from './fixtures/cli';

describe('tandem report on the embedded (SQLite) store', () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-report-'));
    env = { TANDEM_MODE: 'embedded', TANDEM_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    await seedEmbeddedStore(dataDir);
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the weekly organisation report as HTML to the folder, and prints its path', async () => {
    // The events were recorded today (the test appended them): --at picks the week they happened in.
    const result = await tandem(env, 'report', '--period', 'week', '--at', '2026-03-10T09:00:00Z', '--out', join(dataDir, 'out'));

    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toBe(`${join(dataDir, 'out', 'tandem-report_week_2026-03-02.html')}\n`);
    expect(readFileSync(result.stdout.trimEnd(), 'utf8')).toContain('<h1 id="summary-title">Acme: weekly report, week of 2 March 2026</h1>');
    expect(readFileSync(result.stdout.trimEnd(), 'utf8')).toContain('There were 3 incidents this week');
  });

  it('writes a team report in Markdown and as a PDF printed by Chromium', async () => {
    const at = '2026-04-01';
    const markdown = await tandem(env, 'report', '--period', 'month', '--team', 'payments', '--at', at, '--format', 'md', '--out', join(dataDir, 'out'));
    const pdf = await tandem(env, 'report', '--period', 'month', '--team', 'payments', '--at', at, '--format', 'pdf', '--out', join(dataDir, 'out'));

    expect([markdown.exitCode, pdf.exitCode]).toEqual([0, 0]);
    expect(readFileSync(markdown.stdout.trimEnd(), 'utf8')).toMatch(/^# Payments: monthly report, /);
    expect(readFileSync(pdf.stdout.trimEnd()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it.each([
    [['--team', 'nobody'], {}, 'tandem: No team "nobody" in the organisation; its teams are payments, platform, sre, tiny, web.\n'],
    [['--format', 'pdf'], { TANDEM_CHROMIUM_PATH: '/nonexistent/chromium' }, 'tandem: PDF needs headless Chromium at /nonexistent/chromium, which is not there: install it (Debian: apt-get install -y chromium), set TANDEM_CHROMIUM_PATH, or use --format html or md.\n'],
    [['--at', 'yesterday'], {}, 'tandem: --at must be an ISO-8601 date or instant with a zone (2026-03-02 or 2026-03-02T09:00:00Z), got "yesterday".\n'],
  ])('answers %j with one sentence and exit code 1', async (args, extraEnv, sentence) => {
    const result = await tandem({ ...env, ...extraEnv }, 'report', '--period', 'week', '--out', join(dataDir, 'refused'), ...args);

    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: sentence });
  });

  it('answers a missing or unknown --period as a usage error', async () => {
    expect((await tandem(env, 'report')).exitCode).toBe(2);
    expect((await tandem(env, 'report', '--period', 'quarter')).exitCode).toBe(2);
  });
});
