import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, type CanonicalEvent } from '@tandem/contracts';
import { buildMetricModel, computeKpis, foldEvents, KPI_IDS, type KpiScope } from '@tandem/metrics';
import { buildReport, fixedNumber, historyUpTo, renderReportHtml, renderReportMarkdown, ReportsError, type LeadershipReport } from '@tandem/reports';
import { acmeHistory, recorded, seededRandom } from './fixtures/acme-history';

const events = recorded(acmeHistory());
const AT = '2026-03-10T09:00:00Z';
const WEEK = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };
const WEEK_BEFORE = { from: '2026-02-23T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' };

function kpisOf(report: LeadershipReport) {
  return [...report.sharedKpis, ...report.collaboration].flatMap((section) => section.kpis);
}

function expectedValues(window: { from: string; to: string }, scope: KpiScope) {
  const history = historyUpTo(events, AT);
  const model = buildMetricModel(foldEvents(history.events), history.directory);
  return new Map(computeKpis(model, { directory: history.directory, window, scopes: [scope] }).map((value) => [value.kpi, value]));
}

const rounded = (value: number | null | undefined) => (value === null || value === undefined ? null : fixedNumber(value));

describe('buildReport', () => {
  const report = buildReport({ events, period: 'week', at: AT, asOf: AT });

  it('reads the whole history by default, and reports on the period before --at even when it was recorded later (an import)', () => {
    const imported = events.map((event) => ({ ...event, recordedAt: '2026-11-30T12:00:00.000Z' }));
    const late = buildReport({ events: imported, period: 'week', at: AT });

    expect(late.asOf).toBe('2026-11-30T12:00:00.000Z');
    expect(late.period.from).toBe(WEEK.from);
    expect(late.incidents.total).toBe(3);
  });

  it('covers the last complete week before --at, against the week before, over 12 weeks', () => {
    expect(report.period).toEqual({ label: 'week of 2 March 2026', bucket: '2026-03-02', ...WEEK });
    expect(report.previousPeriod).toMatchObject({ label: 'week of 23 February 2026', ...WEEK_BEFORE });
    expect(report.title).toBe('Acme: weekly report, week of 2 March 2026');
    expect(report.asOf).toBe('2026-03-10T09:00:00.000Z');
    for (const kpi of kpisOf(report)) {
      expect(kpi.trend).toHaveLength(12);
      expect(kpi.trend.at(-1)).toEqual({ bucket: '2026-03-02', value: kpi.current.value });
    }
  });

  it('shows every KPI of metrics.md, with the numbers computeKpis gives for the same windows, and the versions used', () => {
    const current = expectedValues(WEEK, { kind: 'organization' });
    const previous = expectedValues(WEEK_BEFORE, { kind: 'organization' });
    const kpis = kpisOf(report);

    expect(kpis.map((kpi) => kpi.kpi).sort()).toEqual([...KPI_IDS].sort());
    for (const kpi of kpis) {
      expect([kpi.kpi, kpi.current.value, kpi.current.sampleSize, kpi.version]).toEqual([kpi.kpi, rounded(current.get(kpi.kpi)?.value), current.get(kpi.kpi)?.sampleSize, current.get(kpi.kpi)?.version]);
      expect([kpi.kpi, kpi.previous.value]).toEqual([kpi.kpi, rounded(previous.get(kpi.kpi)?.value)]);
    }
    expect(report.definitions).toEqual(Object.fromEntries(KPI_IDS.map((id) => [id, 1])));
  });

  it('says the numbers in plain sentences first, the change against last week included', () => {
    const restore = kpisOf(report).find((kpi) => kpi.kpi === 'time_to_restore');

    expect(report.headline).toMatch(/^Week of 2 March 2026: 3 incidents, restored in a median of .+, and \d+ production deployments\.$/);
    expect(report.summary[0]).toBe('There were 3 incidents this week (1 SEV1, 1 SEV2, 1 SEV3).');
    expect(report.summary).toContain(restore?.sentence);
    expect(restore?.sentence).toMatch(/^Incidents were restored in a median of \d+ h \d+ min, (the same as|.+ (faster|slower) than) last week\.$/);
    expect(report.summary.every((sentence) => /^[A-Z0-9].*\.$/.test(sentence))).toBe(true);
  });

  it('gives a team report the team’s numbers, and says a small team’s values are not shown', () => {
    const payments = buildReport({ events, period: 'week', at: AT, asOf: AT, team: 'payments' });
    const tiny = buildReport({ events, period: 'week', at: AT, asOf: AT, team: 'tiny' });
    const expected = expectedValues(WEEK, { kind: 'team', team: 'payments' });

    expect(payments.title).toBe('Payments: weekly report, week of 2 March 2026');
    for (const kpi of kpisOf(payments)) expect([kpi.kpi, kpi.current.value]).toEqual([kpi.kpi, rounded(expected.get(kpi.kpi)?.value)]);
    expect(kpisOf(tiny).every((kpi) => kpi.current.suppressed && kpi.sentence === `${kpi.label}: not shown: fewer than 3 people.`)).toBe(true);
    expect(report.teams.find((row) => row.team === 'tiny')?.values.map((value) => value.display)).toEqual(Array(4).fill('not shown: fewer than 3 people'));
  });

  it('lists the notable incidents (most severe first) with their post-mortem status, and the recognitions of the week', () => {
    expect(report.incidents.total).toBe(3);
    expect(report.incidents.notable.map((incident) => incident.severity)).toEqual(['SEV1', 'SEV2', 'SEV3']);
    expect(report.incidents.notable.every((incident) => incident.postmortem.text.length > 0)).toBe(true);
    expect(report.recognitions).toMatchObject({ kudos: 1, automatic: 1 });
    expect(report.recognitions.items[0]).toMatchObject({ kind: 'kudos', from: expect.any(String), to: [expect.any(String)] });
  });

  it('reports the data quality of the period', () => {
    const month = buildReport({ events, period: 'month', at: '2026-04-06T09:00:00Z' });

    expect(month.period.label).toBe('March 2026');
    expect(month.dataQuality.coverage).toMatchObject({ unresolvedIdentities: 1, incidentsWithoutService: 1, deploymentsWithoutCommits: 1 });
    expect(month.dataQuality.sentences).toEqual(
      expect.arrayContaining([
        '1 identity seen in events is linked to no person: their work counts for no team.',
        expect.stringMatching(/^1 of \d+ incidents had no known service: they count for the organisation only\.$/),
        expect.stringMatching(/^1 of \d+ production deployments shipped no known commit: they have no lead time\.$/),
      ]),
    );
  });

  it('is a function of the events: delivered twice in another order, the same HTML and Markdown', () => {
    const random = seededRandom(3);
    const shuffled = [...events, ...events].sort(() => random() - 0.5);
    const again = buildReport({ events: shuffled, period: 'week', at: AT, asOf: AT });

    expect(renderReportHtml(again)).toBe(renderReportHtml(report));
    expect(renderReportMarkdown(again)).toBe(renderReportMarkdown(report));
  });

  it('refuses an unknown team with the teams it knows', () => {
    expect(() => buildReport({ events, period: 'week', at: AT, asOf: AT, team: 'nobody' })).toThrow(new ReportsError('REPORTS_UNKNOWN_TEAM', 'No team "nobody" in the organisation; its teams are payments, platform, sre, tiny, web.'));
  });
});

describe('the renderers', () => {
  const hostile = newEvent(
    'KudosGiven',
    { kudosId: 'k-x', fromPersonId: 'carol', toPersonIds: ['dave'], message: '<script>alert(1)</script> | **bold** [link](http://x)', via: 'api', givenAt: '2026-03-04T12:00:00Z' },
    { occurredAt: '2026-03-04T12:00:00Z', source: 'test', schemaVersion: CURRENT_SCHEMA_VERSION },
    derivedEventId('reports-render-test', 1),
  );
  const withHostile = [...events, { ...hostile, streamId: 'kudos-x', streamVersion: 0, globalPosition: events.length + 1, recordedAt: '2026-03-04T12:05:00.000Z' } as CanonicalEvent];
  const report = buildReport({ events: withHostile, period: 'week', at: AT, asOf: AT });

  it('writes one self-contained HTML page: no script, no external resource, every text escaped', () => {
    const html = renderReportHtml(report);

    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|\bsrc=|@import|url\(/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('not shown: fewer than 3 people');
    expect((html.match(/<svg class="spark" role="img" aria-label="/g) ?? []).length).toBe(KPI_IDS.length);
    // The first page is the summary: a print break after it.
    expect(html.indexOf('class="summary"')).toBeLessThan(html.indexOf('The shared KPIs'));
  });

  it('writes Markdown with the same sentences, user text escaped', () => {
    const markdown = renderReportMarkdown(report);

    expect(markdown.startsWith('# Acme: weekly report, week of 2 March 2026\n')).toBe(true);
    for (const sentence of report.summary) expect(markdown).toContain(`- ${sentence.replace(/([\\`*_[\]<>|#])/g, '\\$1')}`);
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\> \\| \\*\\*bold\\*\\* \\[link\\](http://x)');
    expect(markdown).toMatch(/\| Time to restore \(v1\) \| .+ \| .+ \| .+ \| [▁▂▃▄▅▆▇█·]{12} \|/);
  });
});
