import { InvalidWebhookSecretsError, WEBHOOK_SECRET_ENV, webhookSecretsFromEnv } from './index';

describe('webhookSecretsFromEnv', () => {
  it('reads each source from its documented variable, comma-separated for rotation', () => {
    const secrets = webhookSecretsFromEnv({
      TANDEM_GITHUB_WEBHOOK_SECRET: 'old-secret, new-secret',
      TANDEM_GITLAB_WEBHOOK_TOKEN: 'plain-token,whsec_c2lnbmluZw==',
      TANDEM_SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
      TANDEM_TEAMS_WEBHOOK_SECRET: 'dGVhbXMga2V5',
      TANDEM_PAGERDUTY_WEBHOOK_SECRET: 'pd',
      TANDEM_OPSGENIE_WEBHOOK_TOKEN: 'og',
      TANDEM_INCIDENTIO_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      TANDEM_JIRA_WEBHOOK_SECRET: 'jira',
    });

    expect(secrets).toEqual({
      github: ['old-secret', 'new-secret'],
      gitlab: ['plain-token', 'whsec_c2lnbmluZw=='],
      slack: ['8f742231b10e8888abcd99yyyzzz85a5'],
      teams: ['dGVhbXMga2V5'],
      pagerduty: ['pd'],
      opsgenie: ['og'],
      incidentio: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      jira: ['jira'],
    });
  });

  it('leaves a source without a variable (or with blanks only) with no secret, i.e. closed', () => {
    const secrets = webhookSecretsFromEnv({ TANDEM_GITHUB_WEBHOOK_SECRET: ' , ' });

    expect(secrets.github).toEqual([]);
    expect(secrets.jira).toEqual([]);
  });

  it('names every malformed entry, and never its value', () => {
    const read = () =>
      webhookSecretsFromEnv({
        TANDEM_TEAMS_WEBHOOK_SECRET: 'dGVhbXMga2V5,not base64!',
        TANDEM_INCIDENTIO_WEBHOOK_SECRET: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        TANDEM_GITLAB_WEBHOOK_TOKEN: 'whsec_%%%',
      });

    expect(read).toThrow(
      new InvalidWebhookSecretsError([
        { key: 'TANDEM_GITLAB_WEBHOOK_TOKEN', message: 'entry 1 starts with whsec_ but is not a whsec_<base64> signing token' },
        { key: 'TANDEM_TEAMS_WEBHOOK_SECRET', message: 'entry 2 is not the base64 security token Teams shows' },
        { key: 'TANDEM_INCIDENTIO_WEBHOOK_SECRET', message: 'entry 1 is not a whsec_<base64> signing secret' },
      ]),
    );
    expect(read).not.toThrow('not base64!');
  });

  it('documents one variable per source', () => {
    expect(new Set(Object.values(WEBHOOK_SECRET_ENV)).size).toBe(8);
  });
});
