import { acmeDirectory } from '../../test/acme-organization';
import { identitiesOfEvent } from './event-identities';
import { planIdentityLink, planIdentityObservation } from './identity-events';
import { SeenIdentities, unresolvedIdentities } from './unresolved-identities';

const reviewed = (reviewer: Record<string, unknown>, at: string) => ({
  type: 'PullRequestReviewed',
  data: {
    tool: 'github',
    repo: 'acme/checkout',
    number: 7,
    reviewId: 'r1',
    reviewer,
    state: 'REVIEW_STATE_APPROVED',
    submittedAt: at,
    pullRequestAuthor: { tool: 'github', id: 'alice-gh' },
  },
  metadata: { occurredAt: at },
});

const published = {
  type: 'PostmortemPublished',
  data: {
    tool: 'jira',
    postmortemId: 'PM-1',
    incident: { tool: 'pagerduty', id: 'P1' },
    authors: [{ identity: { tool: 'jira', id: '5b10', name: 'New Hire', email: 'new@example.com' } }, { personId: 'alice' }],
    reviewers: [{ identity: { tool: 'slack', id: 'B01', name: 'Deploy Bot', bot: true } }],
    publishedAt: '2026-02-03T00:00:00Z',
  },
  metadata: { occurredAt: '2026-02-03T00:00:00Z' },
};

describe('identitiesOfEvent', () => {
  it('finds every ExternalIdentity the schema has, in fields, lists and oneofs, and no ExternalRef', () => {
    expect(identitiesOfEvent(reviewed({ tool: 'github', id: 'NewHire', name: 'New Hire' }, '2026-02-01T00:00:00Z'))).toEqual([
      { tool: 'github', id: 'NewHire', name: 'New Hire', email: null, bot: false },
      { tool: 'github', id: 'alice-gh', name: null, email: null, bot: false },
    ]);
    expect(identitiesOfEvent(published)).toEqual([
      { tool: 'jira', id: '5b10', name: 'New Hire', email: 'new@example.com', bot: false },
      { tool: 'slack', id: 'B01', name: 'Deploy Bot', email: null, bot: true },
    ]);
  });

  it('finds nothing in an event type it does not know', () => {
    expect(identitiesOfEvent({ type: 'SomethingElse', data: { by: { tool: 'github', id: 'x' } } })).toEqual([]);
  });
});

describe('unresolvedIdentities', () => {
  const directory = acmeDirectory();

  function seenIn(events: readonly Parameters<SeenIdentities['record']>[0][]): SeenIdentities {
    const seen = new SeenIdentities();
    for (const event of events) seen.record(event);
    return seen;
  }

  it('lists identities linked to nobody once each, most seen first, with their span and latest name; bots and known people left out', () => {
    const seen = seenIn([
      reviewed({ tool: 'github', id: 'NewHire' }, '2026-02-05T00:00:00Z'),
      reviewed({ tool: 'github', id: 'newhire', name: 'New Hire' }, '2026-02-01T00:00:00Z'),
      published,
    ]);

    expect(unresolvedIdentities(directory, seen.all())).toEqual([
      { key: 'github\u0000newhire', tool: 'github', id: 'NewHire', name: 'New Hire', email: null, bot: false, firstSeenAt: '2026-02-01T00:00:00Z', lastSeenAt: '2026-02-05T00:00:00Z', events: 2 },
      { key: 'jira\u00005b10', tool: 'jira', id: '5b10', name: 'New Hire', email: 'new@example.com', bot: false, firstSeenAt: '2026-02-03T00:00:00Z', lastSeenAt: '2026-02-03T00:00:00Z', events: 1 },
    ]);
  });

  it('includes the unresolved people of IdentityObserved events, and drops an identity once it is linked', () => {
    const [observed] = planIdentityObservation(directory, { tool: 'slack', id: 'U0NEW', name: 'Newcomer' }, { at: '2026-02-01T00:00:00Z' });
    const withObserved = directory.apply([observed.event]);
    const seen = seenIn([reviewed({ tool: 'github', id: 'newhire' }, '2026-02-01T00:00:00Z')]);

    expect(unresolvedIdentities(withObserved, seen.all()).map((identity) => [identity.tool, identity.id, identity.events])).toEqual([
      ['github', 'newhire', 1],
      ['slack', 'U0NEW', 0],
    ]);
    const [link] = planIdentityLink(withObserved, 'dave', { tool: 'github', id: 'NewHire' }, { at: '2026-02-10T00:00:00Z', by: 'token:admin' });
    expect(unresolvedIdentities(withObserved.apply([link.event]), seen.all()).map((identity) => identity.id)).toEqual(['U0NEW']);
  });

  it('ignores the directory\'s own events', () => {
    const [link] = planIdentityLink(directory, 'dave', { tool: 'github', id: 'dgrohl' }, { at: '2026-02-10T00:00:00Z', by: 'token:admin' });
    expect(seenIn([link.event]).all()).toEqual([]);
  });
});
