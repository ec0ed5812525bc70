import { ScriptedHttpFake, type FakeReply, type ReceivedRequest } from './http-fake';

/**
 * What the fake answers to the next chat.postMessage calls, instead of posting:
 * - `{ error }`: HTTP 200 `{ ok: false, error }`, as Slack does for `channel_not_found`, `not_in_channel`,
 *   `invalid_auth`, `internal_error` …;
 * - `{ rateLimited }`: HTTP 429 with `Retry-After: <seconds>` and `{ ok: false, error: "ratelimited" }`;
 * - `{ status }`: a bare HTTP status (a 503 from Slack's edge).
 */
export type SlackScriptedReply = { error: string } | { rateLimited: { retryAfterSeconds: number } } | { status: number; body?: string };

export interface PostedSlackMessage {
  channel: string;
  text?: string;
  blocks?: Record<string, unknown>[];
  ts: string;
}

export interface FakeSlackApiOptions {
  /** The only bot token it accepts. */
  botToken: string;
  /** Channels the bot is in; any other id answers `channel_not_found`. */
  channels: readonly string[];
}

/**
 * A local Slack Web API with the documented behaviour of `chat.postMessage` (docs.slack.dev,
 * reference/methods/chat.postMessage): bearer token checked (`not_authed`, `invalid_auth`), unknown
 * channel `channel_not_found`, no `text` nor `blocks` `no_text`, and on success
 * `{ ok: true, channel, ts, message }`. Failures are scripted with `script(...)`.
 */
export class FakeSlackApi extends ScriptedHttpFake<SlackScriptedReply> {
  /** Messages it accepted, in order. */
  readonly posted: PostedSlackMessage[] = [];
  private lastTs = 1_767_000_000;

  constructor(private readonly options: FakeSlackApiOptions) {
    super();
  }

  /** Base URL of the Web API (`…/api/`), for `SlackClient({ apiUrl })` or `TANDEM_SLACK_API_URL`. */
  get apiUrl(): string {
    return `${this.http.origin}/api/`;
  }

  protected answer(request: ReceivedRequest): FakeReply {
    if (request.method !== 'POST' || request.path !== '/api/chat.postMessage') return result(404, { ok: false, error: 'unknown_method' });
    const auth = request.headers.authorization;
    if (!auth) return result(200, { ok: false, error: 'not_authed' });
    if (auth !== `Bearer ${this.options.botToken}`) return result(200, { ok: false, error: 'invalid_auth' });
    const scripted = this.nextScripted();
    if (scripted) return scriptedReply(scripted);
    const body = (request.json ?? {}) as { channel?: unknown; text?: unknown; blocks?: unknown };
    if (typeof body.channel !== 'string' || !this.options.channels.includes(body.channel)) return result(200, { ok: false, error: 'channel_not_found' });
    if (typeof body.text !== 'string' && !Array.isArray(body.blocks)) return result(200, { ok: false, error: 'no_text' });
    const ts = `${++this.lastTs}.000100`;
    const text = typeof body.text === 'string' ? body.text : undefined;
    const blocks = Array.isArray(body.blocks) ? (body.blocks as Record<string, unknown>[]) : undefined;
    this.posted.push({ channel: body.channel, text, blocks, ts });
    return result(200, {
      ok: true,
      channel: body.channel,
      ts,
      message: { type: 'message', subtype: 'bot_message', text, bot_id: 'B0TANDEMFAKE', ts, ...(blocks ? { blocks } : {}) },
    });
  }
}

function scriptedReply(reply: SlackScriptedReply): FakeReply {
  if ('error' in reply) return result(200, { ok: false, error: reply.error });
  if ('rateLimited' in reply) return result(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(reply.rateLimited.retryAfterSeconds) });
  return { status: reply.status, body: reply.body ?? '' };
}

function result(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): FakeReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}
