import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMetricModel, computeKpis, foldEvents, KPI_IDS, type KpiScope } from '@tandem/metrics';
import { buildSnapshot, canonicalJson, contentOf, encodeSnapshot, historyUpTo, SNAPSHOT_COLUMNS, SNAPSHOT_FORMATS, SNAPSHOT_GENERATOR, snapshotValueOf, type SnapshotInput } from '@tandem/reports';
import { acmeHistory, recorded, seededRandom, TEST_SIGNING } from './fixtures/acme-history';

const events = recorded(acmeHistory());
const QUARTER: Pick<SnapshotInput, 'from' | 'to'> = { from: '2026-01-05T00:00:00Z', to: '2026-04-06T00:00:00Z' };
const input: SnapshotInput = { events, ...QUARTER, asOf: '2026-04-10T00:00:00Z', signingKey: TEST_SIGNING.key, keyId: TEST_SIGNING.keyId };

function shuffledTwice<Item>(items: readonly Item[], seed: number): Item[] {
  const random = seededRandom(seed);
  const copy = [...items, ...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

async function bytesOf(snapshotInput: SnapshotInput): Promise<Map<string, Buffer>> {
  const snapshot = buildSnapshot(snapshotInput);
  const files = new Map<string, Buffer>();
  for (const format of SNAPSHOT_FORMATS) for (const file of await encodeSnapshot(snapshot, format)) files.set(file.name, file.bytes);
  return files;
}

describe('buildSnapshot', () => {
  it('gives byte-identical files in every format across two runs and for the events delivered twice in another order', async () => {
    const first = await bytesOf(input);
    const second = await bytesOf(input);
    const reordered = await bytesOf({ ...input, events: shuffledTwice(events, 7) });

    expect([...first.keys()]).toEqual([
      'kpi-snapshot_20260105T000000Z_20260406T000000Z_asof-20260410T000000Z.json',
      'kpi-snapshot_20260105T000000Z_20260406T000000Z_asof-20260410T000000Z.csv',
      'kpi-snapshot_20260105T000000Z_20260406T000000Z_asof-20260410T000000Z.csv.sig.json',
      'kpi-snapshot_20260105T000000Z_20260406T000000Z_asof-20260410T000000Z.parquet',
      'kpi-snapshot_20260105T000000Z_20260406T000000Z_asof-20260410T000000Z.parquet.sig.json',
    ]);
    for (const [name, bytes] of first) {
      expect(second.get(name)?.equals(bytes)).toBe(true);
      expect(reordered.get(name)?.equals(bytes)).toBe(true);
    }
  });

  it('carries every KPI for the organisation and every team, as computeKpis gives them, with the versions used', () => {
    const snapshot = buildSnapshot(input);
    const history = historyUpTo(events, input.asOf);
    const model = buildMetricModel(foldEvents(history.events), history.directory);
    const scopes: KpiScope[] = [{ kind: 'organization' }, ...snapshot.header.teams.map((team): KpiScope => ({ kind: 'team', team }))];
    const expected = computeKpis(model, { directory: history.directory, window: { from: '2026-01-05T00:00:00.000Z', to: '2026-04-06T00:00:00.000Z' }, scopes }).map(snapshotValueOf);

    expect(snapshot.header.teams).toEqual(['payments', 'platform', 'sre', 'tiny', 'web']);
    expect(snapshot.values).toEqual(expected);
    expect(snapshot.values).toHaveLength(KPI_IDS.length * 6);
    expect(snapshot.header.definitions).toEqual(Object.fromEntries(KPI_IDS.map((id) => [id, 1])));
    expect(snapshot.values.filter((value) => value.value !== null).length).toBeGreaterThan(KPI_IDS.length * 3);
    // Privacy: the two-person team has no value, no counts.
    expect(snapshot.values.filter((value) => value.team === 'tiny').every((value) => value.suppressed && value.value === null && value.sampleSize === 0)).toBe(true);
  });

  it('names the history it was computed from: asOf, the store position then, and the coverage', () => {
    const snapshot = buildSnapshot(input);
    const recordedByAsOf = events.filter((event) => Date.parse(event.recordedAt) <= Date.parse('2026-04-10T00:00:00Z'));

    expect(snapshot.header).toMatchObject({
      window: { from: '2026-01-05T00:00:00.000Z', to: '2026-04-06T00:00:00.000Z' },
      bucket: 'window',
      asOf: '2026-04-10T00:00:00.000Z',
      eventStorePosition: Math.max(...recordedByAsOf.map((event) => event.globalPosition)),
      eventCount: recordedByAsOf.length,
      generatedBy: SNAPSHOT_GENERATOR,
      organization: { name: 'Acme', timezone: 'UTC', minGroupSize: 3 },
    });
    expect(snapshot.coverage).toMatchObject({ unresolvedIdentities: 1, incidentsWithoutService: 1, deploymentsWithoutCommits: 1 });
    expect(snapshot.coverage.incidents).toBe(13 * 3 + 1);
    expect(snapshot.digest.value).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot.signature).toMatchObject({ algorithm: 'hmac-sha256', keyId: 'test-key' });
  });

  it('leaves out what was recorded after asOf, and defaults asOf to the latest recordedAt, never the clock', () => {
    const early = buildSnapshot({ ...input, asOf: '2026-02-01T00:00:00Z' });
    const latest = buildSnapshot({ ...input, asOf: undefined });

    expect(early.header.eventCount).toBeLessThan(latest.header.eventCount);
    expect(latest.header.asOf).toBe(events.map((event) => event.recordedAt).sort().at(-1));
    expect(latest.header.eventStorePosition).toBe(events.length);
    expect(early.digest.value).not.toBe(latest.digest.value);
  });

  it('cuts the window into calendar weeks with bucket: week, the rows partitioning the window', () => {
    const weekly = buildSnapshot({ ...input, bucket: 'week' });
    const windows = [...new Set(weekly.values.map((value) => `${value.windowFrom}/${value.windowTo}`))];

    expect(weekly.header.bucket).toBe('week');
    expect(windows).toHaveLength(13);
    expect(windows[0]).toBe('2026-01-05T00:00:00.000Z/2026-01-12T00:00:00.000Z');
    expect(weekly.values).toHaveLength(13 * KPI_IDS.length * 6);
  });

  it('digests the canonical JSON of its content (keys sorted, no whitespace)', () => {
    const snapshot = buildSnapshot(input);

    expect(createHash('sha256').update(canonicalJson(contentOf(snapshot))).digest('hex')).toBe(snapshot.digest.value);
    expect(canonicalJson({ b: [1, -0, 0.1], a: { d: null, c: 'x' } })).toBe('{"a":{"c":"x","d":null},"b":[1,0,0.1]}');
  });

  it('has the same seal in every format, and a different one with another key', () => {
    const snapshot = buildSnapshot(input);
    const other = buildSnapshot({ ...input, signingKey: 'another-signing-key-0123456789abcdefghij' });

    expect(other.digest).toEqual(snapshot.digest);
    expect(other.signature.value).not.toBe(snapshot.signature.value);
  });

  it('writes the CSV columns in their published order', async () => {
    const [csv] = await encodeSnapshot(buildSnapshot(input), 'csv');
    const [header, firstRow] = csv.bytes.toString('utf8').split('\n');

    expect(SNAPSHOT_COLUMNS).toEqual(['kpi', 'version', 'scope', 'team', 'window_from', 'window_to', 'value', 'unit', 'sample_size', 'numerator', 'denominator', 'p90', 'mean', 'suppressed']);
    expect(header).toBe('kpi,version,scope,team,window_from,window_to,value,unit,sample_size,numerator,denominator,p90,mean,suppressed');
    expect(firstRow).toMatch(/^deployment_frequency,1,organization,,2026-01-05T00:00:00\.000Z,2026-04-06T00:00:00\.000Z,\d+,count,\d+,,,,,false$/);
  });

  it('names the version of the package that generated it', () => {
    const packageJson = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { name: string; version: string };
    expect(SNAPSHOT_GENERATOR.version).toBe(packageJson.version);
  });
});
