import type { EventMetadata } from './envelope';
import { newEvent, toStoredEvent } from './create-event';
import type { CanonicalEvent } from './events';
import { deterministicEventId } from './ids';

const metadata: EventMetadata = {
  occurredAt: '2024-03-01T09:00:00Z',
  source: 'github',
  sourceDeliveryId: 'd-1',
  correlationId: 'c-1',
  schemaVersion: 1,
};
const eventId = deterministicEventId('github', 'd-1', 0);
const review = {
  tool: 'github',
  repo: 'acme/payments',
  number: 42,
  reviewId: '80',
  reviewer: { tool: 'github', id: 'olu' },
  state: 'REVIEW_STATE_APPROVED',
  submittedAt: '2024-03-01T10:00:00+01:00',
} as const;

describe('newEvent', () => {
  it('builds a new event with validated, canonical data', () => {
    expect(newEvent('PullRequestReviewed', review, metadata, eventId)).toEqual({
      eventId,
      type: 'PullRequestReviewed',
      data: { ...review, submittedAt: '2024-03-01T09:00:00Z' },
      metadata,
    });
  });

  it('refuses invalid data with the field path', () => {
    expect(() => newEvent('PullRequestReviewed', { ...review, state: undefined }, metadata, eventId)).toThrow(
      'PullRequestReviewed.state is required',
    );
  });

  it('refuses metadata that breaks the envelope contract', () => {
    expect(() => newEvent('PullRequestReviewed', review, { ...metadata, occurredAt: '2024-03-01 09:00:00 UTC' }, eventId)).toThrow(
      'PullRequestReviewed: occurredAt "2024-03-01 09:00:00 UTC" is not a UTC instant like 2024-05-01T12:00:00Z',
    );
    expect(() => newEvent('PullRequestReviewed', review, { ...metadata, schemaVersion: 2 }, eventId)).toThrow(
      'PullRequestReviewed: new events are written at schema version 1, not 2',
    );
    expect(() => newEvent('PullRequestReviewed', review, { ...metadata, source: '' }, eventId)).toThrow('PullRequestReviewed: source is empty');
    expect(() => newEvent('PullRequestReviewed', review, metadata, 'delivery-1')).toThrow(
      'PullRequestReviewed: event id "delivery-1" is not a uuid',
    );
  });

  it('hands the store plain JSON', () => {
    const stored = toStoredEvent(newEvent('PullRequestReviewed', review, metadata, eventId));
    expect(JSON.parse(JSON.stringify(stored.data))).toEqual(stored.data);
  });
});

/** The shape every consumer uses: an exhaustive switch over a narrowed union. */
function describeEvent(event: CanonicalEvent): string {
  switch (event.type) {
    case 'PullRequestReviewed':
      return `${event.data.reviewer?.id} reviewed ${event.data.repo}#${event.data.number}`;
    case 'IncidentResolved':
      return `${event.data.incidentId} resolved at ${event.data.resolvedAt}`;
    default:
      return event.type;
  }
}

describe('CanonicalEvent', () => {
  it('narrows data by type', () => {
    const created = newEvent('PullRequestReviewed', review, metadata, eventId);
    const recorded: CanonicalEvent = { ...created, streamId: 'pr-github-acme/payments-42', streamVersion: 3, globalPosition: 9, recordedAt: '2024-03-01T09:00:01Z' };
    expect(describeEvent(recorded)).toBe('olu reviewed acme/payments#42');
  });
});
