import type { NotifySettings } from '@tandem/config';
import type { DeliverySettings } from '@tandem/directory';
import { SlackClient, TeamsWebhookClient } from '@tandem/notify';
import type { PostingDestinations } from './posting-batches';
import type { PostingClients } from './recognition-posting-jobs';

export interface PostingSetup {
  destinations: PostingDestinations;
  clients: PostingClients;
  /** Why a destination tandem.yaml names is off: said once at start-up, in the log. */
  problems: string[];
}

/**
 * Where recognitions are posted: a destination is on when tandem.yaml names it
 * (`recognition.postTo`) and its credential is configured: the bot token from
 * TANDEM_SLACK_BOT_TOKEN; the Teams webhook from TANDEM_TEAMS_POST_WEBHOOK_URL, else the file.
 */
export function postingSetup(postTo: DeliverySettings['recognitionPostTo'], notify: NotifySettings): PostingSetup {
  const problems: string[] = [];
  let slack: PostingSetup['clients']['slack'] = null;
  let teams: PostingSetup['clients']['teams'] = null;
  if (postTo.slack && notify.slack) slack = new SlackClient({ botToken: notify.slack.botToken, apiUrl: notify.slack.apiUrl });
  else if (postTo.slack) problems.push('recognition.postTo.slack is set but TANDEM_SLACK_BOT_TOKEN is not: recognitions are not posted to Slack');
  const webhookUrl = notify.teams?.webhookUrl ?? postTo.teams?.webhookUrl;
  if (postTo.teams && webhookUrl) teams = new TeamsWebhookClient({ webhookUrl });
  else if (postTo.teams) problems.push('recognition.postTo.teams has no webhookUrl and TANDEM_TEAMS_POST_WEBHOOK_URL is not set: recognitions are not posted to Teams');
  else if (notify.teams) problems.push('TANDEM_TEAMS_POST_WEBHOOK_URL is set but tandem.yaml has no recognition.postTo.teams: recognitions are not posted to Teams');
  return {
    destinations: { slack: slack && postTo.slack ? { channel: postTo.slack.channel } : null, teams: teams !== null },
    clients: { slack, teams },
    problems,
  };
}
