import { UnrecoverableError, type JobHandlers } from '@tandem/jobs';
import { PermanentDeliveryError, type AdaptiveCard, type SlackClient, type SlackMessage, type TeamsWebhookClient } from '@tandem/notify';
import { unrecoverableOn } from '../unrecoverable-on';

/** The queue of recognition posts: one job per recognition and destination. */
export const RECOGNITION_POSTING_QUEUE = 'recognition-posting';

/** The message is rendered when the job is enqueued, so a job needs no directory to run. */
export interface RecognitionPostingJobs {
  'slack.post': { recognitionId: string; message: SlackMessage };
  'teams.post': { recognitionId: string; card: AdaptiveCard };
}

export interface PostingClients {
  slack: SlackClient | null;
  teams: TeamsWebhookClient | null;
}

/**
 * Each job makes one attempt. A RetryableDeliveryError is thrown on as it is, so the queue retries
 * with backoff, waiting at least the vendor's Retry-After (its `retryAfterMs`); a permanent one
 * (bad token, unknown channel, deleted webhook) becomes UnrecoverableError: straight to the dead
 * letters, where an operator sees why, instead of spending retries that cannot succeed.
 */
export function postingHandlers(clients: PostingClients): JobHandlers<RecognitionPostingJobs> {
  return {
    'slack.post': async ({ message }) => {
      const slack = clients.slack;
      if (!slack) throw new UnrecoverableError('Slack posting is no longer configured (TANDEM_SLACK_BOT_TOKEN)');
      return unrecoverableOn(PermanentDeliveryError, () => slack.postMessage(message));
    },
    'teams.post': async ({ card }) => {
      const teams = clients.teams;
      if (!teams) throw new UnrecoverableError('Teams posting is no longer configured (recognition.postTo.teams)');
      await unrecoverableOn(PermanentDeliveryError, () => teams.postCard(card));
      return { posted: true };
    },
  };
}
