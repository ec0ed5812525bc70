import { ConfigError, loadConfig, redactConfig } from '@tandem/config';

describe('the snapshot signing configuration', () => {
  it('is absent unless TANDEM_SNAPSHOT_SIGNING_KEY is set (export and verify then refuse to run)', () => {
    expect(loadConfig({}).reports).toEqual({ snapshotSigning: null, chromiumPath: '/usr/bin/chromium' });
  });

  it('names the key by a fingerprint unless TANDEM_SNAPSHOT_KEY_ID says otherwise', () => {
    const key = 'a-signing-key-of-at-least-32-characters';

    expect(loadConfig({ TANDEM_SNAPSHOT_SIGNING_KEY: key }).reports.snapshotSigning).toEqual({ key, keyId: expect.stringMatching(/^key-[0-9a-f]{12}$/) });
    expect(loadConfig({ TANDEM_SNAPSHOT_SIGNING_KEY: key, TANDEM_SNAPSHOT_KEY_ID: '2026-q1' }).reports.snapshotSigning).toEqual({ key, keyId: '2026-q1' });
  });

  it('refuses a short key and a malformed key id, naming the variables but never the key', () => {
    let error: unknown;
    try {
      loadConfig({ TANDEM_SNAPSHOT_SIGNING_KEY: 'short-secret', TANDEM_SNAPSHOT_KEY_ID: 'has spaces' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.key)).toEqual(['TANDEM_SNAPSHOT_SIGNING_KEY', 'TANDEM_SNAPSHOT_KEY_ID']);
    expect((error as ConfigError).message).not.toContain('short-secret');
  });

  it('masks the key when the configuration is printed', () => {
    const printed = JSON.stringify(redactConfig(loadConfig({ TANDEM_SNAPSHOT_SIGNING_KEY: 'a-signing-key-of-at-least-32-characters', TANDEM_SNAPSHOT_KEY_ID: 'k1' })));

    expect(printed).not.toContain('a-signing-key-of-at-least-32-characters');
    expect(printed).toContain('"keyId":"k1"');
  });
});
