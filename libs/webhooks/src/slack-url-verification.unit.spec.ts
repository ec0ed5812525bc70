import { webhookFixture } from '../../../test/fixtures/webhook-fixtures';
import { slackUrlVerificationChallenge } from './index';

const parsed = (name: string): unknown => JSON.parse(webhookFixture('slack', name).body.toString('utf8'));

describe('Slack url_verification', () => {
  it("answers the handshake with Slack's challenge", () => {
    expect(slackUrlVerificationChallenge(parsed('zulip__challenge_handshake_payload'))).toBe(
      '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    );
  });

  it('is no handshake for an event', () => {
    expect(slackUrlVerificationChallenge(parsed('zulip__message_with_normal_text'))).toBeUndefined();
  });

  it.each([
    ['a missing challenge', { type: 'url_verification' }],
    ['a non-string challenge', { type: 'url_verification', challenge: { a: 1 } }],
    ['an over-long challenge', { type: 'url_verification', challenge: 'c'.repeat(257) }],
  ])('is no handshake with %s', (_label, body) => {
    expect(slackUrlVerificationChallenge(body)).toBeUndefined();
  });
});
