import { MetricEvents, who } from '../testing/metric-events';
import { deliveredTwiceShuffled } from '../testing/order-independence';
import { factsOf, foldEvents } from './entity-facts';
import { entityKey, entityKeysOf, keyParts } from './entity-key';

describe('entity facts for a projector', () => {
  it('names the entity of each event and folds each entity alone, whatever else it is given', () => {
    const t = new MetricEvents();
    t.pageTriggered('P1', '2026-02-02T10:00:00Z');
    t.pageAcknowledged('P1', '2026-02-02T10:05:00Z', who.pagerduty('PCAROL'));
    t.prOpened(7, '2026-02-02T09:00:00Z', who.github('dave-gh'), 'Acme/Checkout');
    t.prReviewed(7, '2026-02-02T09:30:00Z', who.github('carol-gh'), 'REVIEW_STATE_APPROVED', 'acme/checkout');
    t.messagePosted('C1', 'root', '2026-02-02T09:00:00Z', who.slack('UDAVE'));
    t.messagePosted('C1', 'reply', '2026-02-02T09:01:00Z', who.slack('UCAROL'), 'root');
    t.add('TeamRetired', { slug: 'tiny', retiredAt: '2026-02-02T00:00:00Z', changedBy: 'admin' }, '2026-02-02T00:00:00Z');

    expect(t.events.map((event) => entityKeysOf(event))).toEqual([
      ['page:pagerduty:P1'],
      ['page:pagerduty:P1'],
      // Repositories are case-insensitive: both events are of one PR.
      ['pull_request:github:acme/checkout:7'],
      ['pull_request:github:acme/checkout:7'],
      ['thread:slack:C1:root'],
      ['thread:slack:C1:root'],
      [],
    ]);

    const everything = deliveredTwiceShuffled(t.events);
    const thread = factsOf(entityKey.thread('slack', 'C1', 'root'), everything);
    expect(thread).toEqual(foldEvents(t.events).find((facts) => facts.key === 'thread:slack:C1:root'));
    expect(thread).toMatchObject({ kind: 'thread', root: { messageId: 'root' }, replies: [{ messageId: 'reply' }] });
    expect(factsOf(entityKey.page('pagerduty', 'P1'), everything)).toMatchObject({ kind: 'page', acknowledgements: [{ by: { tool: 'pagerduty', id: 'PCAROL' } }] });
    expect(factsOf(entityKey.incident('pagerduty', 'P1'), everything)).toBeNull();
  });

  it('orders an entity’s events by time whatever their precision, then by id', () => {
    const t = new MetricEvents();
    // 10:00:00.5 is after 10:00:00 although it sorts before it as text.
    t.incidentDeclared('INC', '2026-02-02T10:00:00Z');
    t.incidentResolved('INC', '2026-02-02T10:00:00.5Z');
    t.incidentReopened('INC', '2026-02-02T10:00:00.25Z');
    expect(factsOf(entityKey.incident('incidentio', 'INC'), deliveredTwiceShuffled(t.events))).toMatchObject({ resolvedAt: Date.parse('2026-02-02T10:00:00.5Z') });
  });

  it('escapes key parts, so that ids with colons never collide', () => {
    expect(entityKey.thread('teams', '19:abc@thread', 'm1')).toBe('thread:teams:19%3Aabc@thread:m1');
    expect(entityKey.thread('teams', '19', 'abc@thread:m1')).not.toBe(entityKey.thread('teams', '19:abc@thread', 'm1'));
  });

  it('reads the parts back from a key of the kind asked, and nothing from another', () => {
    expect(keyParts(entityKey.incident('jira', 'OPS:12%'), 'incident', 2)).toEqual(['jira', 'OPS:12%']);
    expect(keyParts(entityKey.deployment('github', '%3A'), 'deployment', 2)).toEqual(['github', '%3A']);
    expect(keyParts(entityKey.deployment('github', '42'), 'incident', 2)).toBeNull();
    expect(keyParts('incident:pagerduty', 'incident', 2)).toBeNull();
    expect(keyParts('incident::P1', 'incident', 2)).toBeNull();
  });
});
