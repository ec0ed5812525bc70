import { Body, Controller, Post } from '@nestjs/common';
import { WEBHOOKS_TOPIC } from '@tandem/eventlog';
import { decodeWebhookEnvelope, envelopeRawBody, WEBHOOK_ENVELOPE_VERSION, WEBHOOK_SOURCES, type WebhookEnvelope, type WebhookSource } from '@tandem/webhooks';
import { webhookFixture, webhookFixtures } from '../../../test/fixtures/webhook-fixtures';
import { secretsEnv, signedHeaders, startGateway, TEST_NOW, TEST_SECRETS, type GatewayUnderTest, type PublishedMessage } from './testing/gateway.harness.spec';

/*
 * The gateway booted as a Nest application on Fastify, in front of an in-memory test double of the
 * EventLog port (the real Kafka and in-process adapters are tested by the port's contract suite in
 * libs/eventlog). The happy path goes over real HTTP; the other cases use Fastify's inject.
 */

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

async function post(gateway: GatewayUnderTest, source: string, body: Buffer, headers: Record<string, string>) {
  const response = await gateway.app.inject({ method: 'POST', url: `/webhooks/${source}`, headers, payload: body });
  return { status: response.statusCode, headers: response.headers, body: response.json<Record<string, unknown>>() };
}

const envelopeOf = (message: PublishedMessage): WebhookEnvelope => decodeWebhookEnvelope(message.value);

describe('the webhook gateway over real HTTP', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway(secretsEnv(), { listen: true });
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('accepts a signed GitHub delivery with 202 once it is on the log, keyed by repository and pull request', async () => {
    const { body } = webhookFixture('github', 'pull_request__closed.merged');
    const response = await fetch(`${gateway.url}/webhooks/github`, {
      method: 'POST',
      headers: {
        ...signedHeaders('github', body),
        'user-agent': 'GitHub-Hookshot/044aadd',
        'x-github-event': 'pull_request',
        'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      },
      body,
    });

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958' });
    expect(gateway.eventLog.published).toHaveLength(1);
    const [message] = gateway.eventLog.published;
    const envelope = envelopeOf(message);
    expect(message.topic).toBe(WEBHOOKS_TOPIC);
    expect(message.key).toBe('github:Codertocat/Hello-World#2');
    expect(message.headers).toEqual({
      'tandem-source': 'github',
      'tandem-delivery-id': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'tandem-correlation-id': envelope.correlationId,
    });
    expect(envelope).toEqual({
      version: WEBHOOK_ENVELOPE_VERSION,
      source: 'github',
      deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      receivedAt: TEST_NOW.toISOString(),
      correlationId: response.headers.get('x-correlation-id'),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/044aadd',
        'x-github-event': 'pull_request',
        'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      },
      body: body.toString('utf8'),
    });
    expect(envelopeRawBody(envelope).equals(body)).toBe(true);
  });

  it('answers 413 to a body one byte over the 1 MiB default limit', async () => {
    const body = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const response = await fetch(`${gateway.url}/webhooks/github`, { method: 'POST', headers: signedHeaders('github', body), body });

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: 'payload_too_large', message: 'body larger than 1048576 bytes' } });
  });

  it("answers Slack's url_verification with its challenge, publishing nothing", async () => {
    const before = gateway.eventLog.published.length;
    const { body } = webhookFixture('slack', 'zulip__challenge_handshake_payload');
    const response = await fetch(`${gateway.url}/webhooks/slack`, { method: 'POST', headers: signedHeaders('slack', body), body });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    expect(gateway.eventLog.published).toHaveLength(before);
  });
});

/** The headers a vendor adds beside its signature, with a delivery id unique to the fixture. */
function vendorHeaders(source: WebhookSource, name: string): Record<string, string> {
  switch (source) {
    case 'github':
      return { 'x-github-event': name.split('__')[0], 'x-github-delivery': `delivery-${name}` };
    case 'gitlab':
      return { 'x-gitlab-event': 'System Hook', 'idempotency-key': `delivery-${name}` };
    case 'pagerduty':
      return { 'x-webhook-id': `delivery-${name}` };
    case 'jira':
      return { 'x-atlassian-webhook-identifier': `delivery-${name}` };
    case 'slack':
    case 'teams':
    case 'opsgenie':
    case 'incidentio':
      return {};
  }
}

describe.each(WEBHOOK_SOURCES)('every signed %s fixture', (source) => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('is accepted with 202 and lands on the log with its key, kept headers and exact body', async () => {
    const fixtures = webhookFixtures(source);
    const answers: { name: string; status: number; deliveryId?: unknown; published: PublishedMessage[] }[] = [];
    for (const { name, body } of fixtures) {
      const headers = { ...signedHeaders(source, body, { deliveryId: `msg_${name}` }), ...vendorHeaders(source, name) };
      const before = gateway.eventLog.published.length;
      const answer = await post(gateway, source, body, headers);
      answers.push({ name, status: answer.status, deliveryId: answer.body.deliveryId, published: gateway.eventLog.published.slice(before) });
    }
    // Vendor examples sometimes share an id (Slack's docs use Ev123ABC456 twice): the later ones are duplicates.
    const firstOfTheirId = answers.filter(
      (answer, index) => answer.deliveryId !== undefined && answers.findIndex(({ deliveryId }) => deliveryId === answer.deliveryId) === index,
    );
    const bodyOf = new Map(fixtures.map(({ name, body }) => [name, body]));

    expect(answers.map(({ name, status }) => ({ name, status }))).toEqual(
      fixtures.map(({ name }) => ({ name, status: name === 'zulip__challenge_handshake_payload' ? 200 : 202 })),
    );
    expect(answers.map(({ published }) => published.length)).toEqual(answers.map((answer) => (firstOfTheirId.includes(answer) ? 1 : 0)));
    expect(
      firstOfTheirId.map(({ name, published: [message] }) => {
        const envelope = envelopeOf(message);
        return {
          name,
          keyed: message.key.startsWith(`${source}:`),
          delivery: { source: envelope.source, deliveryId: envelope.deliveryId, receivedAt: envelope.receivedAt },
          headers: Object.keys(envelope.headers),
          exactBody: envelopeRawBody(envelope).equals(bodyOf.get(name) ?? Buffer.alloc(0)),
        };
      }),
    ).toEqual(
      firstOfTheirId.map(({ name, deliveryId }) => ({
        name,
        keyed: true,
        delivery: { source, deliveryId, receivedAt: TEST_NOW.toISOString() },
        headers: expect.arrayContaining(['content-type', ...Object.keys(vendorHeaders(source, name))]),
        exactBody: true,
      })),
    );
    expect(firstOfTheirId.length).toBeGreaterThan(4);
  });
});

describe('the answers of POST /webhooks/:source', () => {
  let gateway: GatewayUnderTest;
  const prBody = webhookFixture('github', 'pull_request__opened').body;

  beforeEach(async () => {
    gateway = await startGateway();
  });

  afterEach(async () => {
    await gateway.close();
  });

  it('keys deliveries of each vendor by the entity whose order matters', async () => {
    const cases = [
      ['pagerduty', 'zulip__acknowledged_v3', 'pagerduty:incident:PQ1K5C8'],
      ['opsgenie', 'zulip__close', 'opsgenie:052652ac-5d1c-464a-812a-7dd18bbfba8c'],
      ['gitlab', 'handmade__merge_request.merge', 'gitlab:1!1'],
      ['slack', 'zulip__message_with_normal_text', 'slack:C06NRA6JLER'],
      ['teams', 'handmade__outgoing-webhook_channel-message.kudos', 'teams:19:5f3b0e2a9c8d4f6e8a7b1c2d3e4f5a6b@thread.skype'],
      ['incidentio', 'openapi-example__public_incident.incident_updated_v2', 'incidentio:01FDAG4SAP5TYPT98WGR2N7W91'],
      ['jira', 'mm-jira__webhook-issue-updated-assigned', 'jira:issue:10040'],
    ] as const;
    for (const [source, name] of cases) {
      const { body } = webhookFixture(source, name);
      expect((await post(gateway, source, body, signedHeaders(source, body))).status).toBe(202);
    }

    expect(gateway.eventLog.published.map((message) => message.key)).toEqual(cases.map(([, , key]) => key));
  });

  it('answers 404 to an unknown source', async () => {
    expect(await post(gateway, 'rootly', prBody, signedHeaders('github', prBody))).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown_source', message: 'unknown webhook source; expected one of github, gitlab, slack, teams, pagerduty, opsgenie, incidentio, jira' } },
    });
    expect(gateway.eventLog.published).toEqual([]);
  });

  it('refuses with 401 a source that has no secret configured, rather than leaving it open', async () => {
    const closed = await startGateway(secretsEnv({ github: TEST_SECRETS.github }));
    const { body } = webhookFixture('jira', 'mm-jira__webhook-issue-created');

    expect(await post(closed, 'jira', body, signedHeaders('jira', body))).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'no secret configured for jira' } },
    });
    expect(closed.eventLog.published).toEqual([]);
    await closed.close();
  });

  it('answers 401 with the reason to a wrong signature, a missing one and a stale timestamp', async () => {
    const slackBody = webhookFixture('slack', 'zulip__message_with_normal_text').body;
    const staleSlack = signedHeaders('slack', slackBody, { now: new Date(TEST_NOW.getTime() - 301_000) });
    const { 'x-hub-signature-256': _signature, ...unsigned } = signedHeaders('github', prBody);

    expect((await post(gateway, 'github', prBody, signedHeaders('github', prBody, { secret: 'not the secret' }))).body).toEqual({
      error: { code: 'unauthorized', message: 'signature mismatch' },
    });
    expect(await post(gateway, 'github', prBody, unsigned)).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'missing signature header X-Hub-Signature-256' } },
    });
    expect(await post(gateway, 'slack', slackBody, staleSlack)).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'timestamp outside the 5-minute window' } },
    });
    expect(gateway.eventLog.published).toEqual([]);
  });

  it('accepts the old and the new secret during a rotation', async () => {
    const rotating = await startGateway(secretsEnv({ ...TEST_SECRETS, github: 'old-secret, new-secret' }));

    expect((await post(rotating, 'github', prBody, { ...signedHeaders('github', prBody, { secret: 'old-secret' }), 'x-github-delivery': 'a' })).status).toBe(202);
    expect((await post(rotating, 'github', prBody, { ...signedHeaders('github', prBody, { secret: 'new-secret' }), 'x-github-delivery': 'b' })).status).toBe(202);
    expect(rotating.eventLog.published).toHaveLength(2);
    await rotating.close();
  });

  it('answers 400 to a signed body that is not JSON, whatever its content type', async () => {
    const form = Buffer.from('token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fkudos&text=%40bob');
    const formHeaders = { ...signedHeaders('slack', form), 'content-type': 'application/x-www-form-urlencoded' };
    const invalidUtf8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);

    expect(await post(gateway, 'slack', form, formHeaders)).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_body', message: 'body is not JSON' } },
    });
    expect(await post(gateway, 'github', invalidUtf8, signedHeaders('github', invalidUtf8))).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_body', message: 'body is not valid UTF-8' } },
    });
    expect(await post(gateway, 'github', Buffer.alloc(0), signedHeaders('github', Buffer.alloc(0)))).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_body', message: 'body is not JSON' } },
    });
    expect(gateway.eventLog.published).toEqual([]);
  });

  it('keeps the raw bytes whatever the content type says', async () => {
    const headers = { ...signedHeaders('github', prBody), 'content-type': 'text/plain; charset=utf-8', 'x-github-delivery': 'text-plain' };

    expect((await post(gateway, 'github', prBody, headers)).status).toBe(202);
    expect(envelopeRawBody(envelopeOf(gateway.eventLog.published[0])).equals(prBody)).toBe(true);
  });

  it('answers 413 above a configured limit, and accepts a body of exactly the limit', async () => {
    const small = await startGateway({ ...secretsEnv(), TANDEM_WEBHOOK_BODY_LIMIT: '2048' });
    const exactly = json({ event_id: 'Ev1', padding: '' });
    const atLimit = json({ event_id: 'Ev1', padding: 'x'.repeat(2048 - exactly.length) });
    const overLimit = Buffer.concat([atLimit, Buffer.from(' ')]);

    expect(atLimit).toHaveLength(2048);
    expect((await post(small, 'slack', atLimit, signedHeaders('slack', atLimit))).status).toBe(202);
    expect(await post(small, 'slack', overLimit, signedHeaders('slack', overLimit))).toMatchObject({
      status: 413,
      body: { error: { code: 'payload_too_large', message: 'body larger than 2048 bytes' } },
    });
    await small.close();
  });

  it('answers 202 only once publish has resolved', async () => {
    const hold = gateway.eventLog.hold();
    let answered = false;
    const answer = post(gateway, 'github', prBody, signedHeaders('github', prBody)).finally(() => (answered = true));

    await hold.started;
    expect(answered).toBe(false);
    expect(gateway.eventLog.published).toEqual([]);
    hold.release();
    expect((await answer).status).toBe(202);
    expect(gateway.eventLog.published).toHaveLength(1);
  });

  it('answers 503 with Retry-After while the log is unavailable, and accepts the retry afterwards', async () => {
    const headers = { ...signedHeaders('github', prBody), 'x-github-delivery': 'retried-delivery' };
    gateway.eventLog.makeUnavailable();
    const refused = await post(gateway, 'github', prBody, headers);

    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toEqual({ error: { code: 'log_unavailable', message: 'event log unavailable; retry later' } });

    gateway.eventLog.makeAvailable();
    expect(await post(gateway, 'github', prBody, headers)).toMatchObject({ status: 202, body: { deliveryId: 'retried-delivery' } });
    expect(gateway.eventLog.published).toHaveLength(1);
  });

  it('answers 202 to a duplicate delivery without publishing it again (Slack retries included)', async () => {
    const { body } = webhookFixture('slack', 'zulip__message_with_normal_text');

    expect(await post(gateway, 'slack', body, signedHeaders('slack', body))).toMatchObject({ status: 202, body: { deliveryId: 'Ev079SP4TP1P' } });
    const retry = { ...signedHeaders('slack', body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    expect(await post(gateway, 'slack', body, retry)).toMatchObject({ status: 202, body: { deliveryId: 'Ev079SP4TP1P' } });
    expect(gateway.eventLog.published).toHaveLength(1);
  });

  it('counts requests by source and outcome, and times them', async () => {
    await post(gateway, 'github', prBody, signedHeaders('github', prBody));
    await post(gateway, 'github', prBody, signedHeaders('github', prBody));
    await post(gateway, 'github', prBody, signedHeaders('github', prBody, { secret: 'wrong' }));
    await post(gateway, 'no-such-tool', prBody, {});

    const metrics = await gateway.registry.metrics();
    expect(metrics).toContain('tandem_webhooks_received_total{source="github",outcome="accepted"} 1');
    expect(metrics).toContain('tandem_webhooks_received_total{source="github",outcome="duplicate"} 1');
    expect(metrics).toContain('tandem_webhooks_received_total{source="github",outcome="unauthorized"} 1');
    expect(metrics).toContain('tandem_webhooks_received_total{source="unknown",outcome="unknown_source"} 1');
    expect(metrics).toContain('tandem_webhooks_request_duration_seconds_count{source="github",outcome="accepted"} 1');
  });
});

@Controller('echo')
class JsonEchoController {
  @Post()
  echo(@Body() body: { a?: unknown }): { a: unknown; isBuffer: boolean } {
    return { a: body.a, isBuffer: Buffer.isBuffer(body) };
  }
}

describe('embedded beside other routes', () => {
  it("leaves the server's own JSON parsing to the other routes", async () => {
    const gateway = await startGateway(secretsEnv(), { extraControllers: [JsonEchoController] });
    const response = await gateway.app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{"a":1}' });

    expect(response.json()).toEqual({ a: 1, isBuffer: false });
    await gateway.close();
  });
});
