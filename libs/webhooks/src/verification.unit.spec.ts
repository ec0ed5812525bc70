import { webhookFixture } from '../../../test/fixtures/webhook-fixtures';
import {
  REPLAY_WINDOW_SECONDS,
  signWebhook,
  verifyWebhook,
  WEBHOOK_SOURCES,
  type WebhookRequest,
  type WebhookSource,
} from './index';

const NOW = new Date('2024-05-01T12:00:00Z');
const base64 = (text: string) => Buffer.from(text).toString('base64');

interface VendorCase {
  readonly fixture: string;
  /** Two secrets in the vendor's format: the current one and the next (a rotation). */
  readonly secrets: readonly [string, string];
  /** The header that carries the signature or token. */
  readonly authHeader: string;
  readonly missingReason: string;
  readonly malformedReason: string;
  readonly mismatchReason: string;
  /** Token schemes (GitLab's secret token, Opsgenie's custom header) do not cover the body. */
  readonly signsBody: boolean;
}

const CASES: Readonly<Record<WebhookSource, VendorCase>> = {
  github: {
    fixture: 'pull_request__closed.merged',
    secrets: ['github-secret-1', 'github-secret-2'],
    authHeader: 'x-hub-signature-256',
    missingReason: 'missing signature header X-Hub-Signature-256',
    malformedReason: 'malformed signature header X-Hub-Signature-256',
    mismatchReason: 'signature mismatch',
    signsBody: true,
  },
  gitlab: {
    fixture: 'handmade__merge_request.merge',
    secrets: ['gitlab-token-1', 'gitlab-token-2'],
    authHeader: 'x-gitlab-token',
    missingReason: 'missing signature header X-Gitlab-Token or webhook-signature',
    malformedReason: 'token mismatch',
    mismatchReason: 'token mismatch',
    signsBody: false,
  },
  slack: {
    fixture: 'zulip__message_with_normal_text',
    secrets: ['slack-signing-secret-1', 'slack-signing-secret-2'],
    authHeader: 'x-slack-signature',
    missingReason: 'missing signature header X-Slack-Signature',
    malformedReason: 'malformed signature header X-Slack-Signature',
    mismatchReason: 'signature mismatch',
    signsBody: true,
  },
  teams: {
    fixture: 'handmade__outgoing-webhook_channel-message.kudos',
    secrets: [base64('teams security token 1'), base64('teams security token 2')],
    authHeader: 'authorization',
    missingReason: 'missing signature header Authorization',
    malformedReason: 'malformed signature header Authorization',
    mismatchReason: 'signature mismatch',
    signsBody: true,
  },
  pagerduty: {
    fixture: 'zulip__triggered_v3',
    secrets: ['pagerduty-secret-1', 'pagerduty-secret-2'],
    authHeader: 'x-pagerduty-signature',
    missingReason: 'missing signature header X-PagerDuty-Signature',
    malformedReason: 'malformed signature header X-PagerDuty-Signature',
    mismatchReason: 'signature mismatch',
    signsBody: true,
  },
  opsgenie: {
    fixture: 'zulip__create',
    secrets: ['opsgenie-token-1', 'opsgenie-token-2'],
    authHeader: 'x-tandem-token',
    missingReason: 'missing token header X-Tandem-Token',
    malformedReason: 'token mismatch',
    mismatchReason: 'token mismatch',
    signsBody: false,
  },
  incidentio: {
    fixture: 'openapi-example__public_incident.follow_up_created_v2',
    secrets: [`whsec_${base64('incident.io signing key 1')}`, `whsec_${base64('incident.io signing key 2')}`],
    authHeader: 'webhook-signature',
    missingReason: 'missing signature header webhook-signature',
    malformedReason: 'malformed signature header webhook-signature',
    mismatchReason: 'signature mismatch',
    signsBody: true,
  },
  jira: {
    fixture: 'mm-jira__webhook-issue-created',
    secrets: ['jira-secret-1', 'jira-secret-2'],
    authHeader: 'x-hub-signature',
    missingReason: 'missing signature header X-Hub-Signature',
    malformedReason: 'malformed signature header X-Hub-Signature',
    mismatchReason: 'signature mismatch',
    signsBody: true,
  },
};

function signedRequest(source: WebhookSource, rawBody: Buffer, secret: string, at = NOW): WebhookRequest {
  return { rawBody, headers: signWebhook(source, rawBody, secret, { now: at, deliveryId: 'msg_2024-05-01-0001' }) };
}

function withHeader(request: WebhookRequest, name: string, value: string | undefined): WebhookRequest {
  return { ...request, headers: { ...request.headers, [name]: value } };
}

function tampered(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  copy[copy.length - 2] ^= 0x01;
  return copy;
}

describe.each(WEBHOOK_SOURCES)('verifying %s deliveries', (source) => {
  const vendor = CASES[source];
  const body = webhookFixture(source, vendor.fixture).body;
  const [current, next] = vendor.secrets;

  it('accepts a delivery signed with the configured secret', () => {
    expect(verifyWebhook(source, signedRequest(source, body, current), [current], NOW)).toEqual({ ok: true });
  });

  it('refuses a delivery signed with another secret, without saying which secret came close', () => {
    const verification = verifyWebhook(source, signedRequest(source, body, next), [current], NOW);

    expect(verification).toEqual({ ok: false, reason: vendor.mismatchReason });
    expect(JSON.stringify(verification)).not.toContain(current);
  });

  // Token schemes (GitLab's secret token, Opsgenie's custom header) cannot see a tampered body.
  it('refuses a tampered body when the scheme signs the body', () => {
    const request = { ...signedRequest(source, body, current), rawBody: tampered(body) };

    expect(verifyWebhook(source, request, [current], NOW)).toEqual(
      vendor.signsBody ? { ok: false, reason: vendor.mismatchReason } : { ok: true },
    );
  });

  it('refuses a delivery without its signature header', () => {
    const request = withHeader(signedRequest(source, body, current), vendor.authHeader, undefined);

    expect(verifyWebhook(source, request, [current], NOW)).toEqual({ ok: false, reason: vendor.missingReason });
  });

  it('refuses a malformed signature header', () => {
    const request = withHeader(signedRequest(source, body, current), vendor.authHeader, 'sha1=not-a-signature');

    expect(verifyWebhook(source, request, [current], NOW)).toEqual({ ok: false, reason: vendor.malformedReason });
  });

  it('accepts the old and the new secret while both are configured (rotation)', () => {
    const rotating = [current, next];

    expect(verifyWebhook(source, signedRequest(source, body, current), rotating, NOW)).toEqual({ ok: true });
    expect(verifyWebhook(source, signedRequest(source, body, next), rotating, NOW)).toEqual({ ok: true });
  });

  it('is closed, not open, when no secret is configured', () => {
    expect(verifyWebhook(source, signedRequest(source, body, current), [], NOW)).toEqual({
      ok: false,
      reason: `no secret configured for ${source}`,
    });
  });
});

describe('several signatures sent at once (the vendor rotates)', () => {
  it('PagerDuty: accepts v1=old,v1=new with either secret configured, ignoring other versions', () => {
    const body = webhookFixture('pagerduty', 'zulip__resolved_v3').body;
    const [oldSecret, newSecret] = CASES.pagerduty.secrets;
    const signature = (secret: string) => signWebhook('pagerduty', body, secret, { now: NOW, deliveryId: 'x' })['x-pagerduty-signature'];
    const headers = { 'x-pagerduty-signature': `v2=abc, ${signature(oldSecret)},${signature(newSecret)}` };

    expect(verifyWebhook('pagerduty', { headers, rawBody: body }, [oldSecret], NOW)).toEqual({ ok: true });
    expect(verifyWebhook('pagerduty', { headers, rawBody: body }, [newSecret], NOW)).toEqual({ ok: true });
    expect(verifyWebhook('pagerduty', { headers, rawBody: body }, ['a third secret'], NOW)).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
  });

  it('incident.io (Svix): accepts space-separated "v1,old v1,new" with either secret configured', () => {
    const body = webhookFixture('incidentio', 'openapi-example__public_incident.incident_updated_v2').body;
    const [oldSecret, newSecret] = CASES.incidentio.secrets;
    const oldRequest = signedRequest('incidentio', body, oldSecret);
    const newSignature = signedRequest('incidentio', body, newSecret).headers['webhook-signature'];
    const request = withHeader(oldRequest, 'webhook-signature', `${String(oldRequest.headers['webhook-signature'])} ${String(newSignature)}`);

    expect(verifyWebhook('incidentio', request, [oldSecret], NOW)).toEqual({ ok: true });
    expect(verifyWebhook('incidentio', request, [newSecret], NOW)).toEqual({ ok: true });
  });
});

describe('the 5-minute replay window', () => {
  const timestamped = [
    { source: 'slack', secret: CASES.slack.secrets[0], header: 'X-Slack-Request-Timestamp' },
    { source: 'incidentio', secret: CASES.incidentio.secrets[0], header: 'webhook-timestamp' },
    { source: 'gitlab', secret: `whsec_${base64('gitlab signing token')}`, header: 'webhook-timestamp' },
  ] as const;
  const seconds = (count: number) => new Date(NOW.getTime() + count * 1000);

  it('is the 5 minutes the vendors document', () => {
    expect(REPLAY_WINDOW_SECONDS).toBe(300);
  });

  describe.each(timestamped)('$source', ({ source, secret, header }) => {
    const body = Buffer.from('{"event_id":"Ev0001","type":"event_callback"}');

    it('accepts a delivery exactly 5 minutes old, and one dated 5 minutes ahead', () => {
      const request = signedRequest(source, body, secret);

      expect(verifyWebhook(source, request, [secret], seconds(REPLAY_WINDOW_SECONDS))).toEqual({ ok: true });
      expect(verifyWebhook(source, request, [secret], seconds(-REPLAY_WINDOW_SECONDS))).toEqual({ ok: true });
    });

    it('refuses a correctly signed delivery older than 5 minutes (a replay)', () => {
      expect(verifyWebhook(source, signedRequest(source, body, secret), [secret], seconds(REPLAY_WINDOW_SECONDS + 1))).toEqual({
        ok: false,
        reason: 'timestamp outside the 5-minute window',
      });
    });

    it('refuses a delivery dated more than 5 minutes ahead', () => {
      expect(verifyWebhook(source, signedRequest(source, body, secret), [secret], seconds(-REPLAY_WINDOW_SECONDS - 1))).toEqual({
        ok: false,
        reason: 'timestamp outside the 5-minute window',
      });
    });

    it('refuses a missing or malformed timestamp', () => {
      const request = signedRequest(source, body, secret);
      const name = header.toLowerCase();

      expect(verifyWebhook(source, withHeader(request, name, undefined), [secret], NOW)).toEqual({
        ok: false,
        reason: `missing timestamp header ${header}`,
      });
      expect(verifyWebhook(source, withHeader(request, name, '1714564800.5'), [secret], NOW)).toEqual({
        ok: false,
        reason: `malformed timestamp header ${header}`,
      });
    });
  });
});

describe('GitLab with both the secret token and the signing token', () => {
  const body = webhookFixture('gitlab', 'go-gitlab__pipeline').body;
  const token = 'gitlab-token-1';
  const signingToken = `whsec_${base64('gitlab signing token')}`;
  const bothHeaders = (tokenValue: string, signingSecret: string): WebhookRequest => ({
    rawBody: body,
    headers: { ...signedRequest('gitlab', body, signingSecret).headers, 'x-gitlab-token': tokenValue },
  });

  it('accepts the delivery when both are valid', () => {
    expect(verifyWebhook('gitlab', bothHeaders(token, signingToken), [token, signingToken], NOW)).toEqual({ ok: true });
  });

  it('refuses it when the token is wrong, even with a valid signature', () => {
    expect(verifyWebhook('gitlab', bothHeaders('wrong', signingToken), [token, signingToken], NOW)).toEqual({
      ok: false,
      reason: 'token mismatch',
    });
  });

  it('refuses it when the signature is wrong, even with a valid token', () => {
    const otherSigningToken = `whsec_${base64('another signing token')}`;

    expect(verifyWebhook('gitlab', bothHeaders(token, otherSigningToken), [token, signingToken], NOW)).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
  });

  it('refuses a tampered body when signed', () => {
    const request = { ...bothHeaders(token, signingToken), rawBody: tampered(body) };

    expect(verifyWebhook('gitlab', request, [token, signingToken], NOW)).toEqual({ ok: false, reason: 'signature mismatch' });
  });
});
