import type { NotifySettings } from '@tandem/config';
import { SlackClient, TeamsWebhookClient } from '@tandem/notify';
import { postingSetup } from './posting-setup';

const NONE: NotifySettings = { slack: null, teams: null, smtp: null };
const SLACK: NotifySettings['slack'] = { botToken: 'xoxb-1-2-abc', apiUrl: 'https://slack.com/api/' };
const ENV_WEBHOOK = 'https://prod.westeurope.logic.azure.com/workflows/env/triggers/manual/paths/invoke?sig=x';

describe('postingSetup', () => {
  it('posts nowhere without recognition.postTo, whatever credentials are set', () => {
    expect(postingSetup({}, { ...NONE, slack: SLACK })).toMatchObject({ destinations: { slack: null, teams: false }, clients: { slack: null, teams: null }, problems: [] });
  });

  it('posts to the Slack channel of tandem.yaml with the token of the environment', () => {
    const setup = postingSetup({ slack: { channel: 'C0KUDOS' } }, { ...NONE, slack: SLACK });
    expect(setup.destinations).toEqual({ slack: { channel: 'C0KUDOS' }, teams: false });
    expect(setup.clients.slack).toBeInstanceOf(SlackClient);
  });

  it('takes the Teams webhook from the environment before the file, and from the file otherwise', () => {
    expect(postingSetup({ teams: {} }, { ...NONE, teams: { webhookUrl: ENV_WEBHOOK } }).clients.teams).toBeInstanceOf(TeamsWebhookClient);
    const fromFile = postingSetup({ teams: { webhookUrl: 'https://acme.webhook.office.com/x' } }, NONE);
    expect(fromFile.destinations.teams).toBe(true);
    expect(fromFile.problems).toEqual([]);
  });

  it('says why a destination is off', () => {
    expect(postingSetup({ slack: { channel: 'C0KUDOS' }, teams: {} }, NONE).problems).toEqual([
      'recognition.postTo.slack is set but TANDEM_SLACK_BOT_TOKEN is not: recognitions are not posted to Slack',
      'recognition.postTo.teams has no webhookUrl and TANDEM_TEAMS_POST_WEBHOOK_URL is not set: recognitions are not posted to Teams',
    ]);
    expect(postingSetup({}, { ...NONE, teams: { webhookUrl: ENV_WEBHOOK } }).problems).toEqual([
      'TANDEM_TEAMS_POST_WEBHOOK_URL is set but tandem.yaml has no recognition.postTo.teams: recognitions are not posted to Teams',
    ]);
  });
});
