import { ConfigError, loadConfig, redactConfig } from './index';

describe('loadConfig', () => {
  it('defaults to the embedded mode with no servers', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.http.port).toBe(4000);
    expect(config.paths).toEqual({ organizationFile: 'tandem.yaml', dataDir: 'data' });
    expect(config.http.webhookBodyLimitBytes).toBe(1024 * 1024);
    expect(config.postgres).toBeUndefined();
    expect(config.webhookSecrets.github).toEqual([]);
  });

  it('names every missing connection of the distributed mode at once', () => {
    let error: unknown;
    try {
      loadConfig({ TANDEM_MODE: 'distributed' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.key)).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'REDIS_URL']);
    expect((error as ConfigError).message).toContain('DATABASE_URL: required when TANDEM_MODE=distributed');
  });

  it('names each malformed key with what is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'localhost', TANDEM_MODE: 'cluster' })).toThrow(
      /TANDEM_MODE: .*; PORT: .*; KAFKA_BROKERS: each broker must be host:port/,
    );
  });

  it('parses a distributed configuration and comma-separated secrets for rotation', () => {
    const config = loadConfig({
      TANDEM_MODE: 'distributed',
      DATABASE_URL: 'postgres://tandem:hunter2@db:5432/tandem',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      REDIS_URL: 'redis://cache:6379',
      TANDEM_GITHUB_WEBHOOK_SECRET: 'old-secret, new-secret',
      TANDEM_SLACK_SIGNING_SECRET: '',
    });
    expect(config.kafka?.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.webhookSecrets.github).toEqual(['old-secret', 'new-secret']);
    expect(config.webhookSecrets.slack).toEqual([]);
  });

  it('never prints a secret or a password', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://tandem:hunter2@db:5432/tandem',
      TANDEM_GITHUB_WEBHOOK_SECRET: 'super-secret-value',
    });
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toContain('hunter2');
    expect(printed).not.toContain('super-secret-value');
    expect(printed).toContain('postgres://tandem:***@db:5432/tandem');
    expect(printed).toContain('1 secret(s) from TANDEM_GITHUB_WEBHOOK_SECRET');
  });
});

describe('loadConfig webhook secrets', () => {
  it('names a malformed secret variable (never its value) beside the other bad keys', () => {
    expect(() => loadConfig({ PORT: 'x', TANDEM_INCIDENTIO_WEBHOOK_SECRET: 'plain-text' })).toThrow(
      /PORT: .*; TANDEM_INCIDENTIO_WEBHOOK_SECRET: entry 1 is not a whsec_<base64> signing secret/,
    );
  });
});

describe('loadConfig outbound channels (libs/notify)', () => {
  it('configures no channel by default', () => {
    expect(loadConfig({}).notify).toEqual({ slack: null, teams: null, smtp: null });
  });

  it('reads the Slack token, Teams webhook and SMTP server, and never prints their secrets', () => {
    const config = loadConfig({
      TANDEM_SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdef',
      TANDEM_TEAMS_POST_WEBHOOK_URL: 'https://prod.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3tsig',
      TANDEM_SMTP_URL: 'smtp://tandem:mail-pass@mail.example.com:587',
      TANDEM_SMTP_FROM: 'Tandem <tandem@example.com>',
    });
    expect(config.notify).toEqual({
      slack: { botToken: 'xoxb-1234-5678-abcdef', apiUrl: 'https://slack.com/api/' },
      teams: { webhookUrl: 'https://prod.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3tsig' },
      smtp: { url: 'smtp://tandem:mail-pass@mail.example.com:587', from: 'Tandem <tandem@example.com>' },
    });
    const printed = JSON.stringify(redactConfig(config));
    for (const secret of ['xoxb-1234', 's3cr3tsig', 'workflows/abc', 'mail-pass']) expect(printed).not.toContain(secret);
    expect(printed).toContain('smtp://tandem:***@mail.example.com:587');
  });

  it('names malformed keys, and a sender missing beside an SMTP server', () => {
    expect(() => loadConfig({ TANDEM_SLACK_BOT_TOKEN: 'hunter2', TANDEM_SMTP_URL: 'http://mail:25', TANDEM_TEAMS_POST_WEBHOOK_URL: 'ftp://x' })).toThrow(
      /TANDEM_SLACK_BOT_TOKEN: must be a Slack bot token.*TANDEM_TEAMS_POST_WEBHOOK_URL: must be an http.*TANDEM_SMTP_URL: must be an smtp/,
    );
    expect(() => loadConfig({ TANDEM_SMTP_URL: 'smtp://mail:25' })).toThrow(/TANDEM_SMTP_FROM: required with TANDEM_SMTP_URL/);
  });
});
