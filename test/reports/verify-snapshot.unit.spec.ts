import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildSnapshot, canonicalJson, contentOf, encodeSnapshot, verifySnapshotBytes, type KpiSnapshot, type SnapshotBytes, type SnapshotFile, type SnapshotFormat } from '@tandem/reports';
import { acmeHistory, recorded, seededRandom, TEST_SIGNING } from './fixtures/acme-history';

const snapshot = buildSnapshot({ events: recorded(acmeHistory()), from: '2026-03-02', to: '2026-04-06', bucket: 'week', signingKey: TEST_SIGNING.key, keyId: TEST_SIGNING.keyId });

async function exported(format: SnapshotFormat): Promise<SnapshotBytes> {
  const [data, sidecar] = await encodeSnapshot(snapshot, format);
  return format === 'json' ? { format, bytes: data.bytes } : { format, bytes: data.bytes, sidecar: (sidecar as SnapshotFile).bytes };
}

/** The file with one byte changed at `offset` (to another printable character, so text stays text). */
function withByteChanged(bytes: Buffer, offset: number): Buffer {
  const changed = Buffer.from(bytes);
  changed[offset] = changed[offset] === 0x37 ? 0x38 : 0x37; // '7' ↔ '8', else '7'
  return changed;
}

/** The offset of the first digit of the first row's sample size. */
function offsetOfAValueDigit(file: SnapshotBytes): number {
  const text = file.bytes.toString('latin1');
  if (file.format === 'json') return text.indexOf('"sampleSize":') + '"sampleSize":'.length;
  if (file.format === 'csv') return text.indexOf(',count,') + ',count,'.length;
  // Parquet: a byte inside the data pages, past the magic number.
  return 64;
}

describe('verifySnapshotBytes', () => {
  it.each(['json', 'csv', 'parquet'] as const)('accepts an untouched %s export signed with the configured key', async (format) => {
    const verdict = await verifySnapshotBytes(await exported(format), TEST_SIGNING.key);

    expect(verdict.status).toBe('valid');
    expect(verdict.status === 'valid' && verdict.snapshot.values).toEqual(snapshot.values);
  });

  it.each(['json', 'csv', 'parquet'] as const)('says a %s export with one byte of a value changed was modified (digest mismatch)', async (format) => {
    const file = await exported(format);
    const tampered = { ...file, bytes: withByteChanged(file.bytes, offsetOfAValueDigit(file)) };

    expect(await verifySnapshotBytes(tampered, TEST_SIGNING.key)).toMatchObject({ status: 'digest_mismatch' });
  });

  it.each(['json', 'csv', 'parquet'] as const)('never accepts a %s export with any single byte changed', async (format) => {
    const file = await exported(format);
    const random = seededRandom(format.length);
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const offset = Math.floor(random() * file.bytes.length);
      const verdict = await verifySnapshotBytes({ ...file, bytes: withByteChanged(file.bytes, offset) }, TEST_SIGNING.key);
      if (verdict.status === 'valid') throw new Error(`byte ${offset} of the ${format} export changed, and it still verified`);
      expect(verdict.status).not.toBe('valid');
    }
  });

  it.each(['json', 'csv', 'parquet'] as const)('says a %s export checked with another key has a signature that does not match', async (format) => {
    const verdict = await verifySnapshotBytes(await exported(format), 'not-the-key-that-signed-this-snapshot!!');

    expect(verdict).toEqual({ status: 'signature_mismatch', keyId: 'test-key' });
  });

  it('says a snapshot re-sealed by someone without the key (digest recomputed, signature kept) does not match the key', async () => {
    const forged: KpiSnapshot = { ...snapshot, values: snapshot.values.map((value, index) => (index === 0 ? { ...value, value: 1 } : value)) };
    forged.digest = { algorithm: 'sha256', value: createHash('sha256').update(canonicalJson(contentOf(forged))).digest('hex') };
    const [json] = await encodeSnapshot(forged, 'json');

    expect(await verifySnapshotBytes({ format: 'json', bytes: json.bytes }, TEST_SIGNING.key)).toMatchObject({ status: 'signature_mismatch' });
  });

  it('says a CSV whose signature file was edited to match it does not match the seal', async () => {
    const file = await exported('csv');
    if (file.format === 'json') throw new Error('expected a CSV export');
    const bytes = Buffer.from(file.bytes.toString('utf8').replace(',count,', ',ratio,'));
    const sidecar = Buffer.from(file.sidecar.toString('utf8').replace(/"sha256":"[0-9a-f]{64}"/, `"sha256":"${createHash('sha256').update(bytes).digest('hex')}"`));

    expect(await verifySnapshotBytes({ format: 'csv', bytes, sidecar }, TEST_SIGNING.key)).toMatchObject({ status: 'digest_mismatch' });
  });
});

describe('the published JSON Schema', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '../../libs/reports/schema/kpi-snapshot.v1.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('validates a JSON export', async () => {
    const file = await exported('json');
    const document = JSON.parse(file.bytes.toString('utf8')) as unknown;

    expect(validate(document) ? [] : validate.errors).toEqual([]);
  });

  it('rejects a snapshot with a field it does not define or a KPI it does not know', () => {
    const extra = { ...snapshot, comment: 'hand edited' };
    const unknownKpi = { ...snapshot, values: [{ ...snapshot.values[0], kpi: 'happiness' }] };

    expect(validate(extra)).toBe(false);
    expect(validate(unknownKpi)).toBe(false);
  });
});
