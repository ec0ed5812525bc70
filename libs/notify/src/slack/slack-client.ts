import { PermanentDeliveryError, RetryableDeliveryError } from '../delivery-errors';
import { postJson } from '../http/post-json';
import { retryAfterMs } from '../http/retry-after';
import { RETRYABLE_SLACK_ERRORS, SLACK_ERROR_HINTS } from './slack-errors';

/** A Block Kit block, as Slack's JSON has it (docs.slack.dev/reference/block-kit/blocks). */
export type SlackBlock = { type: string } & Record<string, unknown>;

export interface SlackMessage {
  /** A channel id (`C0123…`); names also work but break when a channel is renamed. */
  channel: string;
  /** The notification and accessibility text; with blocks, Slack shows the blocks. */
  text: string;
  blocks?: readonly SlackBlock[];
}

export interface SlackPosted {
  channel: string;
  /** The message's timestamp: its id in the channel. */
  ts: string;
}

export interface SlackClientOptions {
  /** A bot token (`xoxb-…`) with the `chat:write` scope. */
  botToken: string;
  /** Default `https://slack.com/api/`; tests point it at a local fake. */
  apiUrl?: string;
  timeoutMs?: number;
}

const SLACK_API_URL = 'https://slack.com/api/';

/**
 * The one Slack Web API method Tandem calls: `chat.postMessage`, JSON body, bearer token. It makes
 * exactly one request per call and classifies the failure; retrying is the caller's (a job's).
 */
export class SlackClient {
  private readonly endpoint: string;

  constructor(private readonly options: SlackClientOptions) {
    this.endpoint = new URL('chat.postMessage', withTrailingSlash(options.apiUrl ?? SLACK_API_URL)).toString();
  }

  async postMessage(message: SlackMessage): Promise<SlackPosted> {
    const answer = await postJson(
      this.endpoint,
      { channel: message.channel, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}), unfurl_links: false, unfurl_media: false },
      { channel: 'slack', headers: { authorization: `Bearer ${this.options.botToken}` }, timeoutMs: this.options.timeoutMs },
    );
    if (answer.status === 429) {
      throw new RetryableDeliveryError('slack', 'ratelimited', 'Slack rate limited chat.postMessage (HTTP 429)', {
        retryAfterMs: retryAfterMs(answer.headers.get('retry-after')),
      });
    }
    if (answer.status >= 500) throw new RetryableDeliveryError('slack', `http_${answer.status}`, `Slack answered HTTP ${answer.status}`);
    if (answer.status !== 200) throw new PermanentDeliveryError('slack', `http_${answer.status}`, `Slack answered HTTP ${answer.status} to chat.postMessage`);
    const result = parseResult(answer.body);
    if (result === null) throw new RetryableDeliveryError('slack', 'invalid_response', 'Slack answered HTTP 200 with a body that is not a Web API result');
    if (result.ok && typeof result.ts === 'string') return { channel: typeof result.channel === 'string' ? result.channel : message.channel, ts: result.ts };
    const code = typeof result.error === 'string' ? result.error : 'unknown_error';
    const text = `Slack refused chat.postMessage to ${message.channel}: ${code}${SLACK_ERROR_HINTS[code] ? ` (${SLACK_ERROR_HINTS[code]})` : ''}`;
    if (RETRYABLE_SLACK_ERRORS.has(code)) {
      throw new RetryableDeliveryError('slack', code, text, { retryAfterMs: retryAfterMs(answer.headers.get('retry-after')) });
    }
    throw new PermanentDeliveryError('slack', code, text);
  }
}

function parseResult(body: string): { ok?: unknown; error?: unknown; channel?: unknown; ts?: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && 'ok' in parsed ? parsed : null;
  } catch {
    return null;
  }
}

/** `new URL('chat.postMessage', 'http://host/api')` would drop `api`. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
