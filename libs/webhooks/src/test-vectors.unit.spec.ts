import { signWebhook, verifyWebhook } from './index';

/**
 * Signature test vectors. The first three are the verified vectors of docs/sources.md (recomputed
 * there with Python's `hmac`); they must pass exactly. The Teams, PagerDuty and Jira ones were
 * computed the same way for this file, independently of this code, as those vendors publish none.
 */

const SLACK_VERIFYING_REQUESTS_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
  '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
  '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
  '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

const SVIX = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const atUnixSeconds = (seconds: number) => new Date(seconds * 1000);

describe('the verified test vectors of docs/sources.md', () => {
  it('GitHub: HMAC-SHA256 of "Hello, World!"', () => {
    const rawBody = Buffer.from('Hello, World!');
    const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    const now = new Date();

    expect(verifyWebhook('github', { headers: { 'x-hub-signature-256': signature }, rawBody }, ["It's a Secret to Everybody"], now)).toEqual({ ok: true });
    expect(signWebhook('github', rawBody, "It's a Secret to Everybody", { now, deliveryId: 'unused' })).toEqual({ 'x-hub-signature-256': signature });
  });

  it("Slack: v0 over the slash-command body of Slack's \"Verifying requests\" page", () => {
    const rawBody = Buffer.from(SLACK_VERIFYING_REQUESTS_BODY);
    const headers = {
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
    };
    const now = atUnixSeconds(1531420618);

    expect(verifyWebhook('slack', { headers, rawBody }, ['8f742231b10e8888abcd99yyyzzz85a5'], now)).toEqual({ ok: true });
    expect(signWebhook('slack', rawBody, '8f742231b10e8888abcd99yyyzzz85a5', { now, deliveryId: 'unused' })).toEqual(headers);
  });

  it.each(['incidentio', 'gitlab'] as const)('Svix / Standard Webhooks, as %s signs it', (source) => {
    const rawBody = Buffer.from(SVIX.body);
    const headers = { 'webhook-id': SVIX.id, 'webhook-timestamp': String(SVIX.timestamp), 'webhook-signature': SVIX.signature };
    const now = atUnixSeconds(SVIX.timestamp);

    expect(verifyWebhook(source, { headers, rawBody }, [SVIX.secret], now)).toEqual({ ok: true });
    expect(signWebhook(source, rawBody, SVIX.secret, { now, deliveryId: SVIX.id })).toEqual(headers);
  });
});

describe('independent vectors for the schemes without a published one', () => {
  const now = new Date('2024-05-01T12:00:00Z');

  it('Teams: HMAC keyed with the base64-decoded security token, base64 in Authorization', () => {
    const rawBody = Buffer.from('{"type":"message","id":"1701356400123"}');
    const securityToken = 'dGFuZGVtIHRlYW1zIG91dGdvaW5nIHdlYmhvb2sga2V5';
    const headers = { authorization: 'HMAC EuNjmAhiNElQBl3FTw2KDDHxdTUo+CuoiEs9Q57PcT8=' };

    expect(verifyWebhook('teams', { headers, rawBody }, [securityToken], now)).toEqual({ ok: true });
    expect(signWebhook('teams', rawBody, securityToken, { now, deliveryId: 'unused' })).toEqual(headers);
  });

  it('PagerDuty: v1=<hex>', () => {
    const rawBody = Buffer.from('{"event":{"id":"01BZYIL05THJDFF2Y08X9SVMTU"}}');
    const headers = { 'x-pagerduty-signature': 'v1=3b1cbce3f573d7c99aecf11a6c5ad83f5cf50cb02c60598cc3e9de9aa5df7e11' };

    expect(verifyWebhook('pagerduty', { headers, rawBody }, ['pd-secret'], now)).toEqual({ ok: true });
    expect(signWebhook('pagerduty', rawBody, 'pd-secret', { now, deliveryId: 'unused' })).toEqual(headers);
  });

  it('Jira: X-Hub-Signature sha256=<hex>', () => {
    const rawBody = Buffer.from('{"webhookEvent":"jira:issue_created"}');
    const headers = { 'x-hub-signature': 'sha256=4ce4f83412227a95fec604b770261b97c7f5650cf98949a1edb42156781a6f57' };

    expect(verifyWebhook('jira', { headers, rawBody }, ['jira-secret'], now)).toEqual({ ok: true });
    expect(signWebhook('jira', rawBody, 'jira-secret', { now, deliveryId: 'unused' })).toEqual(headers);
  });
});
