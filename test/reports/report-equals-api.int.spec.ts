/**
 * The report's numbers are the API's: the Acme history appended to the embedded store, projected
 * by the in-process projector, read back through GraphQL `kpis` for the report's week, against the
 * report built from the same store (as `tandem report` builds it: every event of the store).
 */
import { ProjectorModule } from '@apps/projector';
import { toStoredEvent } from '@tandem/contracts';
import { isDirectoryEvent } from '@tandem/directory';
import { buildReport, fixedNumber, readAllEvents, type LeadershipReport } from '@tandem/reports';
import { createInfrastructure } from '@tandem/runtime';
import { expectEventually } from '@tandem/testing';
import { startApi, type ApiUnderTest } from '../../apps/api/src/testing/api.harness.spec';
import { ACME_YAML, acmeHistory } from './fixtures/acme-history';

const AT = '2026-03-10T09:00:00Z';

const KPIS = `query Kpis($scope: KpiScope, $from: DateTime!, $to: DateTime!) {
  kpis(scope: $scope, from: $from, to: $to) { kpi version value sampleSize suppressed }
}`;

interface KpiRow {
  kpi: string;
  version: number;
  value: number | null;
  sampleSize: number;
  suppressed: boolean;
}

function reportRows(report: LeadershipReport): KpiRow[] {
  return [...report.sharedKpis, ...report.collaboration]
    .flatMap((section) => section.kpis)
    .map(({ kpi, version, current }) => ({ kpi, version, value: current.value, sampleSize: current.sampleSize, suppressed: current.suppressed }));
}

describe("the leadership report's numbers", () => {
  let api: ApiUnderTest;
  let member: string;

  beforeAll(async () => {
    // The harness applies the organisation; the history's own activity follows it into the same store.
    api = await startApi({ driver: 'mercurius', organization: ACME_YAML, modules: [ProjectorModule] });
    member = await api.issueToken('member');
    const seeding = await createInfrastructure(api.config, 'report-equals-api-seed');
    try {
      const activity = acmeHistory().filter(({ event }) => !isDirectoryEvent(event));
      for (let start = 0; start < activity.length; start += 250) {
        await seeding.eventStore.appendMany(activity.slice(start, start + 250).map(({ streamId, event }) => ({ streamId, events: [toStoredEvent(event)] })));
      }
    } finally {
      await seeding.close();
    }
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it.each([null, 'payments', 'tiny'])('equal what the API answers for the same week (team %s)', async (team) => {
    const infrastructure = await createInfrastructure(api.config, 'report-equals-api-read');
    const events = await readAllEvents(infrastructure.eventStore).finally(() => infrastructure.close());
    const report = buildReport({ events, period: 'week', at: AT, ...(team === null ? {} : { team }) });
    const expected = reportRows(report);
    expect(expected.some((row) => row.value !== null || row.suppressed)).toBe(true);

    await expectEventually(
      async () => {
        const variables = { from: report.period.from, to: report.period.to, ...(team === null ? {} : { scope: { team } }) };
        const response = await api.graphql<{ kpis: KpiRow[] }>(KPIS, { token: member, variables });
        expect(response.body.errors).toBeUndefined();
        const answered = new Map((response.body.data?.kpis ?? []).map((row) => [row.kpi, { ...row, value: row.value === null ? null : fixedNumber(row.value) }]));
        expect(expected.map((row) => answered.get(row.kpi))).toEqual(expected);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });
});
