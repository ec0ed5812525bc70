import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlackApi } from '@tandem/notify-testing';
import { PermanentDeliveryError, RetryableDeliveryError } from '../delivery-errors';
import { SlackClient } from './slack-client';

const TOKEN = 'xoxb-1234-5678-fake';
const CHANNEL = 'C0KUDOS01';

describe('SlackClient against a local Slack Web API', () => {
  const slack = new FakeSlackApi({ botToken: TOKEN, channels: [CHANNEL] });
  let client: SlackClient;

  beforeAll(async () => {
    await slack.start();
    client = new SlackClient({ botToken: TOKEN, apiUrl: slack.apiUrl });
  });
  afterAll(() => slack.close());

  it('posts JSON with the bearer token and answers the channel and ts', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Kudos*' } }];
    const posted = await client.postMessage({ channel: CHANNEL, text: 'Kudos', blocks });

    expect(posted).toEqual({ channel: CHANNEL, ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    const request = slack.requests.at(-1)!;
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.json).toEqual({ channel: CHANNEL, text: 'Kudos', blocks, unfurl_links: false, unfurl_media: false });
    expect(slack.posted.at(-1)).toEqual({ channel: CHANNEL, text: 'Kudos', blocks, ts: posted.ts });
  });

  it('reports HTTP 429 as retryable with the Retry-After delay', async () => {
    slack.script({ rateLimited: { retryAfterSeconds: 7 } });
    const error = await client.postMessage({ channel: CHANNEL, text: 'x' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RetryableDeliveryError);
    expect(error).toMatchObject({ channel: 'slack', code: 'ratelimited', retryAfterMs: 7_000, retryable: true });
  });

  it.each(['internal_error', 'service_unavailable', 'request_timeout', 'rate_limited'])('reports ok:false %s as retryable', async (code) => {
    slack.script({ error: code });
    await expect(client.postMessage({ channel: CHANNEL, text: 'x' })).rejects.toMatchObject({ code, retryable: true, retryAfterMs: undefined });
  });

  it('reports a 5xx as retryable and another status as permanent', async () => {
    slack.script({ status: 503 }, { status: 400 });
    await expect(client.postMessage({ channel: CHANNEL, text: 'x' })).rejects.toMatchObject({ code: 'http_503', retryable: true });
    await expect(client.postMessage({ channel: CHANNEL, text: 'x' })).rejects.toMatchObject({ code: 'http_400', retryable: false });
  });

  it('reports an unknown channel and a channel the bot is not in as permanent, with what to do', async () => {
    const unknown = await client.postMessage({ channel: 'C0NOSUCH', text: 'x' }).catch((caught: unknown) => caught);
    expect(unknown).toBeInstanceOf(PermanentDeliveryError);
    expect(unknown).toMatchObject({ code: 'channel_not_found', retryable: false });
    expect((unknown as Error).message).toContain('recognition.postTo.slack.channel');

    slack.script({ error: 'not_in_channel' });
    await expect(client.postMessage({ channel: CHANNEL, text: 'x' })).rejects.toThrow(/not_in_channel \(invite the Tandem bot/);
  });

  it('reports a wrong token as permanent invalid_auth', async () => {
    const wrong = new SlackClient({ botToken: 'xoxb-wrong', apiUrl: slack.apiUrl });
    await expect(wrong.postMessage({ channel: CHANNEL, text: 'x' })).rejects.toMatchObject({ code: 'invalid_auth', retryable: false });
    expect(slack.posted.every((message) => message.text !== 'x')).toBe(true);
  });

  it('reports a refused connection as retryable', async () => {
    const gone: Server = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((resolve) => gone.close(resolve));
    const closed = new SlackClient({ botToken: TOKEN, apiUrl: `http://127.0.0.1:${port}/api/` });
    await expect(closed.postMessage({ channel: CHANNEL, text: 'x' })).rejects.toMatchObject({ code: 'network', retryable: true, message: expect.stringContaining('ECONNREFUSED') });
  });

  it('reports a server that never answers as a retryable timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const hung = new SlackClient({ botToken: TOKEN, apiUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`, timeoutMs: 200 });
      await expect(hung.postMessage({ channel: CHANNEL, text: 'x' })).rejects.toMatchObject({ code: 'timeout', retryable: true });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
