import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tandem/config';
import { ApiTokenRepository, openReadModelDatabase } from '@tandem/persistence';
import { tandem } from '../testing/cli.harness.spec';

const ORGANIZATION = `organization: { name: Acme }
teams:
  - { slug: payments, name: Payments, kind: dev }
people:
  - { id: alice, name: Alice Liddell, email: alice@example.com, memberships: [ { team: payments, from: 2026-01-01 } ] }
`;

describe('tandem token create', () => {
  let dataDir: string;
  let organizationFile: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-token-'));
    organizationFile = join(dataDir, 'tandem.yaml');
    writeFileSync(organizationFile, ORGANIZATION);
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a new token alone on the last line, stored by hash with its role and teams', async () => {
    const { stdout, exitCode } = await tandem('token', 'create', '--role', 'lead', '--team', 'payments', '--config', organizationFile, '--data', dataDir);

    const lines = stdout.trimEnd().split('\n');
    const token = lines.at(-1) ?? '';
    expect(exitCode).toBe(0);
    expect(token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
    expect(lines[0]).toMatch(/^Created lead token [0-9a-f-]{36} for payments\./);

    const database = await openReadModelDatabase(loadConfig({ TANDEM_DATA_DIR: dataDir }));
    try {
      expect(await new ApiTokenRepository(database).authenticate(token)).toMatchObject({ role: 'lead', teams: ['payments'], revokedAt: null });
    } finally {
      await database.destroy();
    }
  });

  it('binds the token to a person with --person, so it can give kudos', async () => {
    const { stdout, exitCode } = await tandem('token', 'create', '--role', 'member', '--person', 'alice', '--config', organizationFile, '--data', dataDir);

    const lines = stdout.trimEnd().split('\n');
    expect(exitCode).toBe(0);
    expect(lines[0]).toMatch(/^Created member token [0-9a-f-]{36}, acting for alice\./);
    const database = await openReadModelDatabase(loadConfig({ TANDEM_DATA_DIR: dataDir }));
    try {
      expect(await new ApiTokenRepository(database).authenticate(lines.at(-1) ?? '')).toMatchObject({ role: 'member', personId: 'alice' });
    } finally {
      await database.destroy();
    }
  });

  it.each([
    [['--role', 'lead', '--team', 'nowhere'], /No team nowhere in .*tandem\.yaml\./],
    [['--role', 'member', '--person', 'nobody'], /No person nobody in .*tandem\.yaml: --person takes a person's id from it\./],
    [['--role', 'lead'], /A lead token needs the teams it leads/],
    [['--role', 'admin', '--team', 'payments'], /An admin token sees every team/],
  ])('refuses %j with one sentence and exit code 1', async (args, sentence) => {
    const { stdout, stderr, exitCode } = await tandem('token', 'create', ...args, '--config', organizationFile, '--data', dataDir);

    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(sentence);
  });

  it('answers a usage error (no role, unknown role) with exit code 2', async () => {
    expect((await tandem('token', 'create', '--data', dataDir)).exitCode).toBe(2);
    expect((await tandem('token', 'create', '--role', 'owner', '--data', dataDir)).exitCode).toBe(2);
  });
});
