/**
 * The report and snapshot mutations on the embedded app, with the reporter in the same process
 * (as `tandem start` runs them): roles, idempotent ids, and the job followed until its files exist.
 */
import { existsSync } from 'node:fs';
import { ReporterModule } from '@apps/reporter';
import { expectEventually } from '@tandem/testing';
import { startApi, type ApiUnderTest } from '../testing/api.harness.spec';

const REQUEST_REPORT = `mutation Request($period: ReportPeriodKind!, $team: ID, $at: DateTime) {
  requestReport(period: $period, team: $team, at: $at) { id kind state failedAttempts paths title error }
}`;
const EXPORT_SNAPSHOT = `mutation Export($from: DateTime!, $to: DateTime!, $asOf: DateTime, $format: SnapshotFileFormat!) {
  exportSnapshot(from: $from, to: $to, asOf: $asOf, format: $format) { id kind state paths error }
}`;
const REPORT_JOB = `query Job($id: ID!) { reportJob(id: $id) { id kind state failedAttempts paths title error finishedAt } }`;

interface Job {
  id: string;
  kind: string;
  state: string;
  paths: string[];
  title?: string | null;
  error: string | null;
}

describe('requestReport, exportSnapshot and reportJob', () => {
  let api: ApiUnderTest;
  let admin: string;
  let paymentsLead: string;
  let member: string;

  beforeAll(async () => {
    api = await startApi({ driver: 'mercurius', env: { TANDEM_SNAPSHOT_SIGNING_KEY: 'api-reports-test-signing-key-0123456789' }, modules: [ReporterModule] });
    admin = await api.issueToken('admin');
    paymentsLead = await api.issueToken('lead', ['payments']);
    member = await api.issueToken('member');
  });
  afterAll(() => api.close());

  async function job(token: string, query: string, variables: Record<string, unknown>): Promise<{ job?: Job; code?: string }> {
    const { body } = await api.graphql<Record<string, Job>>(query, { token, variables });
    return { job: body.data ? Object.values(body.data)[0] : undefined, code: body.errors?.[0]?.extensions.code };
  }

  it('gives one job per period and scope, however many times it is asked, and the reporter writes its files', async () => {
    const variables = { period: 'WEEK', at: '2026-03-10T09:00:00Z' };
    const first = await job(admin, REQUEST_REPORT, variables);
    const again = await job(paymentsLead, REQUEST_REPORT, { ...variables, at: '2026-03-14T23:00:00Z' });

    expect(first.job).toMatchObject({ id: 'report-week-2026-03-02-organization', kind: 'report' });
    expect(again.job?.id).toBe(first.job?.id);
    await expectEventually(async () => expect((await job(admin, REPORT_JOB, { id: first.job!.id })).job?.state).toBe('COMPLETED'), { timeoutMs: 30_000 });
    const done = (await job(paymentsLead, REPORT_JOB, { id: first.job!.id })).job!;
    expect(done).toMatchObject({ failedAttempts: 0, error: null, title: expect.stringContaining('weekly report, week of 2 March 2026') });
    expect(done.paths).toHaveLength(1);
    expect(done.paths[0]).toMatch(/reports\/tandem-report_week_2026-03-02\.html$/);
    expect(existsSync(done.paths[0])).toBe(true);
  });

  it("lets leads ask for their teams' reports only, and members for none", async () => {
    const own = await job(paymentsLead, REQUEST_REPORT, { period: 'MONTH', team: 'payments', at: '2026-04-02T00:00:00Z' });
    expect(own.job?.id).toBe('report-month-2026-03-team-payments');
    expect((await job(paymentsLead, REQUEST_REPORT, { period: 'MONTH', team: 'web' })).code).toBe('FORBIDDEN');
    expect((await job(member, REQUEST_REPORT, { period: 'WEEK' })).code).toBe('FORBIDDEN');
    expect((await job(member, REPORT_JOB, { id: own.job!.id })).code).toBe('FORBIDDEN');
    expect((await job(paymentsLead, REPORT_JOB, { id: 'no-such-job' })).code).toBe('NOT_FOUND');
  });

  it('exports a snapshot for admins only, refusing a bad window before anything is enqueued', async () => {
    const window = { from: '2026-03-02T00:00:00Z', to: '2026-03-09T00:00:00Z', asOf: '2026-03-10T00:00:00Z', format: 'CSV' };
    expect((await job(paymentsLead, EXPORT_SNAPSHOT, window)).code).toBe('FORBIDDEN');
    expect((await job(admin, EXPORT_SNAPSHOT, { ...window, to: window.from })).code).toBe('BAD_USER_INPUT');

    const exported = await job(admin, EXPORT_SNAPSHOT, window);
    expect(exported.job).toMatchObject({ id: 'snapshot-2026-03-02T00_00_00.000Z-2026-03-09T00_00_00.000Z-asof-2026-03-10T00_00_00.000Z-window-csv', kind: 'snapshot' });
    expect((await job(admin, EXPORT_SNAPSHOT, window)).job?.id).toBe(exported.job?.id);
    await expectEventually(async () => expect((await job(admin, REPORT_JOB, { id: exported.job!.id })).job?.state).toBe('COMPLETED'), { timeoutMs: 30_000 });
    const done = (await job(admin, REPORT_JOB, { id: exported.job!.id })).job!;
    expect(done.paths.map((path) => path.replace(/.*\//, ''))).toEqual([
      'kpi-snapshot_20260302T000000Z_20260309T000000Z_asof-20260310T000000Z.csv',
      'kpi-snapshot_20260302T000000Z_20260309T000000Z_asof-20260310T000000Z.csv.sig.json',
    ]);
    expect((await job(paymentsLead, REPORT_JOB, { id: exported.job!.id })).code).toBe('FORBIDDEN');
  });
});
