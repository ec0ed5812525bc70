import { createHash } from 'node:crypto';
import { webhookFixture, webhookFixtures } from '../../../test/fixtures/webhook-fixtures';
import { routeDelivery, WEBHOOK_SOURCES, type IncomingHeaders, type WebhookSource } from './index';

function route(source: WebhookSource, name: string, headers: IncomingHeaders = {}) {
  const { body } = webhookFixture(source, name);
  return routeDelivery(source, { headers, rawBody: body }, JSON.parse(body.toString('utf8')));
}

const bodyHash = (source: WebhookSource, name: string) =>
  `sha256:${createHash('sha256').update(webhookFixture(source, name).body).digest('hex')}`;

/** Fixtures that name no entity to order by: blanked shapes, the handshake, Graph notifications. */
const WITHOUT_ENTITY = new Set([
  ...webhookFixtures('slack')
    .map(({ name }) => name)
    .filter((name) => name.startsWith('java-slack-sdk__') || name === 'zulip__challenge_handshake_payload'),
  'graph-docs__channel-message_created.without-resource-data.item',
  'graph-docs__chatMessage_created.with-resource-data',
  'graph-docs__chatMessage_decrypted-resource',
]);

/** Every header that carries a secret or a signature, whatever the vendor. */
const SIGNATURE_AND_TOKEN_HEADERS = [
  'authorization',
  'x-hub-signature',
  'x-hub-signature-256',
  'x-gitlab-token',
  'webhook-signature',
  'x-slack-signature',
  'x-pagerduty-signature',
  'x-tandem-token',
];

describe.each(WEBHOOK_SOURCES)('routing every %s fixture', (source) => {
  const fixtures = webhookFixtures(source);

  it('has fixtures to route', () => {
    expect(fixtures.length).toBeGreaterThan(4);
  });

  it.each(fixtures.map(({ name }) => name))('%s: a delivery id and a partition key', (name) => {
    const routing = route(source, name);

    expect(routing.deliveryId).toMatch(/^\S{1,256}$/);
    expect(routing.partitionKey.startsWith(`${source}:`)).toBe(true);
    expect(routing.partitionKey.startsWith(`${source}:delivery:`)).toBe(WITHOUT_ENTITY.has(name));
  });

  it('keeps no signature or token among the stored headers', () => {
    const secretBearing = Object.fromEntries(SIGNATURE_AND_TOKEN_HEADERS.map((name) => [name, 'v1=secret-looking']));
    const headers = { ...secretBearing, 'content-type': 'application/json', 'x-unlisted': 'dropped' };

    expect(routeDelivery(source, { headers, rawBody: fixtures[0].body }, {}).headers).toEqual({ 'content-type': 'application/json' });
  });
});

describe('GitHub', () => {
  it('dedupes on X-GitHub-Delivery and orders per pull request', () => {
    const headers = { 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958', 'x-github-event': 'pull_request' };

    expect(route('github', 'pull_request__closed.merged', headers)).toEqual({
      deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      partitionKey: 'github:Codertocat/Hello-World#2',
      headers: { 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958', 'x-github-event': 'pull_request' },
    });
  });

  it('orders comments with their issue, and pushes and deployments per repository', () => {
    expect(route('github', 'issue_comment__created').partitionKey).toBe('github:Codertocat/Hello-World#1');
    expect(route('github', 'push__payload').partitionKey).toBe('github:Codertocat/Hello-World');
    expect(route('github', 'deployment_status__payload').partitionKey).toBe('github:Codertocat/Hello-World');
    expect(route('github', 'workflow_run__completed').partitionKey).toBe('github:octo-org/octo-repo');
  });

  it('falls back to a sha256 of the body without X-GitHub-Delivery', () => {
    expect(route('github', 'push__payload').deliveryId).toBe(bodyHash('github', 'push__payload'));
  });
});

describe('GitLab', () => {
  it('prefers Idempotency-Key to X-Gitlab-Event-UUID, and orders per project and merge request', () => {
    const both = { 'idempotency-key': 'f6e9bcd8-0b5a-4f3b-9f0e-1b2c3d4e5f60', 'x-gitlab-event-uuid': '2c0a43a5-1f1f-4d5e-a6b3-0f1e2d3c4b5a' };

    expect(route('gitlab', 'handmade__merge_request.merge', both).deliveryId).toBe('f6e9bcd8-0b5a-4f3b-9f0e-1b2c3d4e5f60');
    expect(route('gitlab', 'handmade__merge_request.merge', { 'x-gitlab-event-uuid': '2c0a43a5-1f1f-4d5e-a6b3-0f1e2d3c4b5a' }).deliveryId).toBe(
      '2c0a43a5-1f1f-4d5e-a6b3-0f1e2d3c4b5a',
    );
    expect(route('gitlab', 'handmade__merge_request.merge').partitionKey).toBe('gitlab:1!1');
  });

  it('puts notes and pipelines with their merge request or issue', () => {
    expect(route('gitlab', 'go-gitlab__note_merge_request').partitionKey).toBe('gitlab:5!1');
    expect(route('gitlab', 'go-gitlab__note_issue').partitionKey).toBe('gitlab:5#17');
    expect(route('gitlab', 'go-gitlab__pipeline').partitionKey).toBe('gitlab:1!1');
    expect(route('gitlab', 'go-gitlab__issue').partitionKey).toBe('gitlab:1#23');
    expect(route('gitlab', 'go-gitlab__push').partitionKey).toBe('gitlab:15');
    expect(route('gitlab', 'go-gitlab__member').partitionKey).toBe('gitlab:group:100');
  });
});

describe('Slack', () => {
  it('dedupes on event_id (the same on retries) and orders per channel', () => {
    expect(route('slack', 'zulip__message_with_normal_text', { 'x-slack-retry-num': '1' })).toEqual({
      deliveryId: 'Ev079SP4TP1P',
      partitionKey: 'slack:C06NRA6JLER',
      headers: { 'x-slack-retry-num': '1' },
    });
    expect(route('slack', 'docs__reaction_added').partitionKey).toBe('slack:C123ABC456');
    expect(route('slack', 'zulip__app_rate_limited').partitionKey).toBe('slack:team:T123ABC456');
  });

  it('reads blanked ids as absent and falls back to the body hash', () => {
    const routing = route('slack', 'java-slack-sdk__MessagePayload');

    expect(routing.deliveryId).toBe(bodyHash('slack', 'java-slack-sdk__MessagePayload'));
    expect(routing.partitionKey).toBe(`slack:delivery:${routing.deliveryId}`);
  });
});

describe('Teams', () => {
  it('dedupes on the Activity id and orders per channel, not per thread', () => {
    const routing = route('teams', 'handmade__outgoing-webhook_channel-message.kudos', { authorization: 'HMAC abc=' });

    expect(routing).toEqual({
      deliveryId: '1701356400123',
      partitionKey: 'teams:19:5f3b0e2a9c8d4f6e8a7b1c2d3e4f5a6b@thread.skype',
      headers: {},
    });
  });
});

describe('PagerDuty', () => {
  it('prefers X-Webhook-Id to event.id', () => {
    expect(route('pagerduty', 'zulip__triggered_v3', { 'x-webhook-id': '7d3b0e4e-9b1f-4c8e-8a55-3c1d2e3f4a5b' }).deliveryId).toBe(
      '7d3b0e4e-9b1f-4c8e-8a55-3c1d2e3f4a5b',
    );
    expect(route('pagerduty', 'zulip__triggered_v3').deliveryId).toBe('01BZYIL05THJDFF2Y08X9SVMTU');
  });

  it('orders per incident whatever the data type, and per service for service events', () => {
    expect(route('pagerduty', 'zulip__triggered_v3').partitionKey).toBe('pagerduty:incident:PFQZPSY');
    expect(route('pagerduty', 'zulip__responder_added').partitionKey).toBe('pagerduty:incident:Q3B15VLMF3ASBD');
    expect(route('pagerduty', 'pd-docs__event-data__incident_role_assignment').partitionKey).toBe('pagerduty:incident:PBAZLIU');
    expect(route('pagerduty', 'pd-docs__event-data__incident_task').partitionKey).toBe('pagerduty:incident:Q0SDD3HB6SGFTI');
    expect(route('pagerduty', 'pd-docs__envelope__service.updated').partitionKey).toBe('pagerduty:service:PF9KMXH');
  });
});

describe('Opsgenie', () => {
  it('uses alertFlowContext.requestId when present', () => {
    expect(route('opsgenie', 'zulip__create')).toMatchObject({
      deliveryId: 'df3ad546-c7b6-4520-8de3-52bb12d1e99a',
      partitionKey: 'opsgenie:ec03dad6-62c8-4c94-b38b-d88f398e900f',
    });
  });

  it('otherwise combines alertId, action and updatedAt (nanoseconds, as JSON.parse rounds them)', () => {
    expect(route('opsgenie', 'zulip__acknowledge').deliveryId).toBe('052652ac-5d1c-464a-812a-7dd18bbfba8c:Acknowledge:1420452224764002300');
    expect(route('opsgenie', 'zulip__close').deliveryId).not.toBe(route('opsgenie', 'zulip__assignownership').deliveryId);
  });

  it('falls back to the body hash when the alert has no updatedAt', () => {
    expect(route('opsgenie', 'zulip__escalate')).toMatchObject({
      deliveryId: bodyHash('opsgenie', 'zulip__escalate'),
      partitionKey: 'opsgenie:7ba97e3a-d328-4b5e-8f9a-39e945a3869a',
    });
  });
});

describe('incident.io', () => {
  it('dedupes on webhook-id and orders per incident, including follow-ups and post-mortems', () => {
    const headers = { 'webhook-id': 'msg_2fLkWv1xYz', 'webhook-signature': 'v1,abc=' };

    expect(route('incidentio', 'openapi-example__public_incident.follow_up_created_v2', headers)).toEqual({
      deliveryId: 'msg_2fLkWv1xYz',
      partitionKey: 'incidentio:01FCNDV6P870EA6S7TK1DSYDG0',
      headers: { 'webhook-id': 'msg_2fLkWv1xYz' },
    });
    expect(route('incidentio', 'openapi-example__public_incident.incident_created_v2').partitionKey).toBe('incidentio:01FDAG4SAP5TYPT98WGR2N7W91');
    expect(route('incidentio', 'openapi-example__public_incident.incident_status_updated_v2').partitionKey).toBe(
      'incidentio:01FDAG4SAP5TYPT98WGR2N7W91',
    );
    expect(route('incidentio', 'openapi-example__public_incident.postmortem_document_status_updated_v1').partitionKey).toBe(
      'incidentio:01GBA8J19SMXQWPJMX3P2ESCVG',
    );
  });
});

describe('Jira', () => {
  it('dedupes on X-Atlassian-Webhook-Identifier and orders per issue id', () => {
    const headers = { 'x-atlassian-webhook-identifier': '1712345678901-0001', 'x-atlassian-webhook-retry': '2' };

    expect(route('jira', 'mm-jira__webhook-issue-updated-resolved', headers)).toEqual({
      deliveryId: '1712345678901-0001',
      partitionKey: 'jira:issue:10040',
      headers,
    });
  });

  it('finds the issue of a Server comment event in the comment URL', () => {
    expect(route('jira', 'mm-jira__webhook-server-comment-created').partitionKey).toBe('jira:issue:10013');
  });
});

describe('hostile bodies', () => {
  it.each([
    ['an array', []],
    ['a number', 42],
    ['null', null],
    ['ids of the wrong type', { event_id: { nested: true }, event: { channel: ['C1'] } }],
    ['an over-long id', { event_id: 'E'.repeat(10_000), team_id: 'T1' }],
  ])('routes %s by the body hash', (_label, body) => {
    const rawBody = Buffer.from(JSON.stringify(body) ?? '');
    const routing = routeDelivery('slack', { headers: {}, rawBody }, body);

    expect(routing.deliveryId).toBe(`sha256:${createHash('sha256').update(rawBody).digest('hex')}`);
    expect(routing.partitionKey).toMatch(/^slack:(delivery:sha256:[0-9a-f]{64}|team:T1)$/);
  });
});
