import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acmeHistory, TEST_SIGNING } from './fixtures/acme-history';
import { seedEmbeddedStore, tandem } from './fixtures/cli';

describe('tandem export and tandem verify on the embedded (SQLite) store', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const WINDOW = ['--from', '2026-01-05', '--to', '2026-04-06'];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-export-'));
    env = { TANDEM_MODE: 'embedded', TANDEM_DATA_DIR: dataDir, LOG_LEVEL: 'silent', TANDEM_SNAPSHOT_SIGNING_KEY: TEST_SIGNING.key, TANDEM_SNAPSHOT_KEY_ID: TEST_SIGNING.keyId };
    await seedEmbeddedStore(dataDir);
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['json', 'csv', 'parquet'])('exports %s twice to byte-identical files that verify', async (format) => {
    const first = await tandem(env, 'export', ...WINDOW, '--format', format, '--out', join(dataDir, `${format}-1`));
    const second = await tandem(env, 'export', ...WINDOW, '--format', format, '--out', join(dataDir, `${format}-2`));

    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect(first.stderr).toMatch(/^Exported 108 values \(18 KPIs, the organisation and 5 teams\) for \[2026-01-05T00:00:00\.000Z, 2026-04-06T00:00:00\.000Z\) as of .* \(event-store position \d+\), digest sha256:[0-9a-f]{64}, signed with key test-key\.\n$/);
    const paths = first.stdout.trimEnd().split('\n');
    expect(paths).toHaveLength(format === 'json' ? 1 : 2);
    expect(readdirSync(join(dataDir, `${format}-1`)).sort()).toEqual(readdirSync(join(dataDir, `${format}-2`)).sort());
    for (const path of paths) {
      expect(readFileSync(path).equals(readFileSync(path.replace(`${format}-1`, `${format}-2`)))).toBe(true);
    }

    const verified = await tandem(env, 'verify', paths[0]);
    expect(verified).toMatchObject({ exitCode: 0, stderr: '' });
    expect(verified.stdout).toMatch(/ is intact and signed with key test-key: 108 values for \[2026-01-05T00:00:00\.000Z, 2026-04-06T00:00:00\.000Z\)/);
  });

  it('exports byte-identical files across a rebuild of the read models (tandem replay between the exports)', async () => {
    const built = await tandem(env, 'replay');
    const before = await tandem(env, 'export', ...WINDOW, '--format', 'csv', '--out', join(dataDir, 'before-replay'));
    const rebuilt = await tandem(env, 'replay');
    const after = await tandem(env, 'export', ...WINDOW, '--format', 'csv', '--out', join(dataDir, 'after-replay'));

    expect([built.exitCode, before.exitCode, rebuilt.exitCode, after.exitCode]).toEqual([0, 0, 0, 0]);
    const generationOf = (output: string) => Number(/ into generation (\d+) /.exec(output)?.[1]);
    expect(generationOf(rebuilt.stdout)).toBe(generationOf(built.stdout) + 1);
    const paths = before.stdout.trimEnd().split('\n');
    expect(paths).toHaveLength(2);
    for (const path of paths) expect(readFileSync(path).equals(readFileSync(path.replace('before-replay', 'after-replay')))).toBe(true);
  });

  it.each(['json', 'csv', 'parquet'])('says a %s export with one byte changed was modified after export, with exit code 1', async (format) => {
    const { stdout } = await tandem(env, 'export', ...WINDOW, '--format', format, '--out', join(dataDir, `${format}-tampered`));
    const file = stdout.trimEnd().split('\n')[0];
    const bytes = readFileSync(file);
    const text = bytes.toString('latin1');
    // A digit of the first row's sample size (JSON, CSV), or a byte of the Parquet data pages.
    const offset = format === 'parquet' ? 64 : format === 'json' ? text.indexOf('"sampleSize":') + '"sampleSize":'.length : text.indexOf(',count,') + ',count,'.length;
    bytes[offset] = bytes[offset] === 0x37 ? 0x38 : 0x37;
    writeFileSync(file, bytes);

    const verified = await tandem(env, 'verify', file);

    expect(verified).toEqual({ exitCode: 1, stdout: '', stderr: `tandem: ${file} was modified after export (digest mismatch).\n` });
  });

  it('says the signature does not match when another key is configured', async () => {
    const { stdout } = await tandem(env, 'export', ...WINDOW, '--format', 'csv', '--out', join(dataDir, 'other-key'));
    const file = stdout.trimEnd().split('\n')[0];

    const verified = await tandem({ ...env, TANDEM_SNAPSHOT_SIGNING_KEY: 'a-different-key-of-at-least-32-characters', TANDEM_SNAPSHOT_KEY_ID: 'rotated' }, 'verify', file);

    expect(verified.exitCode).toBe(1);
    expect(verified.stderr).toBe(`tandem: ${file}: signature does not match the configured key (signed with key test-key, the configured one is rotated).\n`);
  });

  it('leaves out events recorded after --as-of', async () => {
    const everything = await tandem(env, 'export', ...WINDOW, '--format', 'json', '--out', join(dataDir, 'all'));
    const early = await tandem(env, 'export', ...WINDOW, '--as-of', '2000-01-01T00:00:00Z', '--format', 'json', '--out', join(dataDir, 'early'));
    const read = (output: string) => JSON.parse(readFileSync(output.trimEnd(), 'utf8')) as { header: { eventCount: number; eventStorePosition: number } };

    expect(read(everything.stdout).header.eventCount).toBe(acmeHistory().length);
    expect(read(early.stdout).header).toMatchObject({ eventCount: 0, eventStorePosition: 0 });
  });

  it.each([
    [['export', '--from', '2026-04-06', '--to', '2026-01-05', '--format', 'json', '--out', 'x'], /--from \(2026-04-06T00:00:00\.000Z\) must be before --to/],
    [['export', '--from', 'last monday', '--to', '2026-01-05', '--format', 'json', '--out', 'x'], /--from must be an ISO-8601 date or instant/],
    [['verify', 'no-such-file.json'], /no-such-file\.json does not exist\./],
    [['verify', 'notes.txt'], /is not a snapshot export: expected a \.json, \.csv or \.parquet file\./],
  ])('answers %j with one sentence and exit code 1', async (args, sentence) => {
    writeFileSync(join(dataDir, 'notes.txt'), 'hello');
    const result = await tandem(env, ...args.map((arg) => (arg === 'notes.txt' ? join(dataDir, arg) : arg)));

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(sentence);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses to export or verify without a signing key, and answers a bad --format as a usage error', async () => {
    const noKey = await tandem({ ...env, TANDEM_SNAPSHOT_SIGNING_KEY: '' }, 'export', ...WINDOW, '--format', 'json', '--out', join(dataDir, 'nokey'));
    const badFormat = await tandem(env, 'export', ...WINDOW, '--format', 'xml', '--out', join(dataDir, 'xml'));

    expect(noKey).toMatchObject({ exitCode: 1, stderr: 'tandem: TANDEM_SNAPSHOT_SIGNING_KEY is not set: export signs every snapshot with it (at least 32 characters).\n' });
    expect(badFormat.exitCode).toBe(2);
  });
});
