import { acmeDirectory } from '../../test/acme-organization';
import { isGitHubBot, isSlackBot } from './bot-markers';
import { planIdentityLink, planIdentityObservation, planIdentityUnlink } from './identity-events';
import { observedIdentityOf, suggestLinks, type ObservedIdentity } from './suggest-links';

describe('suggestLinks', () => {
  const directory = acmeDirectory();

  it('suggests by verified email first, with full confidence', () => {
    expect(suggestLinks({ tool: 'slack', id: 'U0NEW', name: 'A. Liddell', email: 'Alice@Example.com' }, directory)).toEqual([
      { personId: 'alice', rule: 'verified_email', confidence: 1 },
    ]);
  });

  it('does not treat a self-declared email (a git author, a code host profile) as verified', () => {
    expect(suggestLinks({ tool: 'github', id: 'someone', email: 'alice@example.com' }, directory)).toEqual([]);
  });

  it('suggests by exact name, ignoring case, accents, punctuation and order', () => {
    expect(suggestLinks({ tool: 'jira', id: '5b10', name: 'Liddell, ALICE' }, directory)).toEqual([{ personId: 'alice', rule: 'exact_name', confidence: 0.9 }]);
    expect(suggestLinks({ tool: 'teams', id: '29:x', name: 'Dave Gröhl' }, directory)).toEqual([{ personId: 'dave', rule: 'exact_name', confidence: 0.9 }]);
  });

  it('suggests similar names with a confidence between 0.5 and 0.8 that grows with the similarity', () => {
    const oneTypo = suggestLinks({ tool: 'slack', id: 'U1', name: 'Carol Danvera' }, directory);
    // 12 and 11 of 13 characters right: similarity 0.92 and 0.85.
    const twoTypos = suggestLinks({ tool: 'slack', id: 'U2', name: 'Karol Danvera' }, directory);

    expect(oneTypo).toEqual([{ personId: 'carol', rule: 'similar_name', confidence: 0.71 }]);
    expect(twoTypos).toEqual([{ personId: 'carol', rule: 'similar_name', confidence: 0.62 }]);
    expect(suggestLinks({ tool: 'slack', id: 'U3', name: 'Completely Different' }, directory)).toEqual([]);
  });

  it('orders suggestions by rule, then confidence', () => {
    const suggestions = suggestLinks({ tool: 'pagerduty', id: 'PNEW', name: 'Bob Marlee', email: 'alice@example.com' }, directory);
    expect(suggestions.map((suggestion) => [suggestion.personId, suggestion.rule])).toEqual([
      ['alice', 'verified_email'],
      ['bob', 'similar_name'],
    ]);
  });

  it('suggests for an unresolved person from what was observed of their identity', () => {
    const [observed] = planIdentityObservation(directory, { tool: 'slack', id: 'U0ALICE2', name: 'alice', email: 'alice@example.com' }, { at: '2026-02-01T00:00:00Z' });
    const withUnresolved = directory.apply([observed.event]);
    const [unresolved] = withUnresolved.unresolvedPeople();
    const identity = observedIdentityOf(unresolved);

    expect(identity).toEqual({ tool: 'slack', id: 'U0ALICE2', name: 'alice', email: 'alice@example.com', bot: false });
    expect(suggestLinks(identity as ObservedIdentity, withUnresolved)).toEqual([{ personId: 'alice', rule: 'verified_email', confidence: 1 }]);
  });

  it('never suggests a bot, nor anything for a bot', () => {
    expect(suggestLinks({ tool: 'slack', id: 'U4', name: 'Dependabot' }, directory)).toEqual([]);
    expect(suggestLinks({ tool: 'slack', id: 'B1', name: 'Alice Liddell', bot: true }, directory)).toEqual([]);
  });
});

describe('identity events', () => {
  const directory = acmeDirectory();
  const at = '2026-02-01T00:00:00Z';

  it('records an unknown identity once, as an unresolved person', () => {
    const identity = { tool: 'github', id: 'NewHire', name: 'New Hire' };
    const [observed] = planIdentityObservation(directory, identity, { at, inEventId: 'evt-1' });

    expect(observed.streamId).toBe('identity-github-newhire');
    expect(observed.event.data).toEqual({ identity: { tool: 'github', id: 'NewHire', name: 'New Hire' }, seenAt: '2026-02-01T00:00:00Z', seenInEventId: 'evt-1' });
    expect(planIdentityObservation(directory, { ...identity, id: 'newhire' }, { at: '2026-03-01T00:00:00Z' })[0].event.eventId).toBe(observed.event.eventId);
    const after = directory.apply([observed.event]);
    expect(planIdentityObservation(after, identity, { at })).toEqual([]);
    expect(planIdentityObservation(directory, { tool: 'github', id: 'alice-gh' }, { at })).toEqual([]);
  });

  it('links an accepted suggestion with its rule, and unlinks only what is linked', () => {
    const [link] = planIdentityLink(directory, 'alice', { tool: 'slack', id: 'U0NEW' }, { at, by: 'admin', acceptedRule: 'verified_email' });

    expect(link.event.data).toEqual({ personId: 'alice', identity: { tool: 'slack', id: 'U0NEW' }, linkedBy: 'admin', rule: 'IDENTITY_LINK_RULE_EMAIL_MATCH' });
    const linked = directory.apply([link.event]);
    expect(planIdentityLink(linked, 'alice', { tool: 'slack', id: 'U0NEW' }, { at, by: 'admin' })).toEqual([]);
    expect(planIdentityUnlink(linked, 'bob', { tool: 'slack', id: 'U0NEW' }, { at, by: 'admin' })).toEqual([]);
    const [unlink] = planIdentityUnlink(linked, 'alice', { tool: 'slack', id: 'U0NEW' }, { at, by: 'admin' });
    expect(linked.apply([unlink.event]).resolveIdentity('slack', 'U0NEW')).toBeUndefined();
  });
});

describe('vendor bot markers', () => {
  it('recognises GitHub apps and Slack bots', () => {
    expect(isGitHubBot({ type: 'Bot', login: 'renovate' })).toBe(true);
    expect(isGitHubBot({ type: 'User', login: 'dependabot[bot]' })).toBe(true);
    expect(isGitHubBot({ type: 'User', login: 'alice-gh' })).toBe(false);
    expect(isSlackBot({ bot_id: 'B024BE7LH' })).toBe(true);
    expect(isSlackBot({ subtype: 'bot_message' })).toBe(true);
    expect(isSlackBot({})).toBe(false);
  });
});
