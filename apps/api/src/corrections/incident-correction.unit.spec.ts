import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, type CanonicalEvent, type EventDataMap, type EventType } from '@tandem/contracts';
import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';
import { metricModelOf, type Incident } from '@tandem/metrics';
import { deploymentRefOfKey, incidentRefOfKey, InvalidCorrection, planCorrection, teamsResponsibleFor, type Correction, type CorrectionPlan } from './incident-correction';

const ORGANIZATION = `organization: { name: Test }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: sre, name: SRE, kind: sre }
services:
  - { slug: checkout, ownedBy: payments, operatedBy: sre, incidentServices: { incidentio: [checkout-io] } }
`;
const directory = Directory.empty().apply(planDirectoryChanges(Directory.empty(), parseOrganization(ORGANIZATION), { at: '2025-01-01T00:00:00Z', by: 'tandem.yaml' }).map(({ event }) => event));

const INCIDENT = { tool: 'incidentio', id: 'INC-7' };
const BY = { identity: { tool: 'tandem', id: 'token-1', name: 'lead API token' } };
const NOW = new Date('2026-02-10T12:00:00Z');

/** The incident's stream: declared 2 Feb 10:00 on checkout, resolved 12:00. */
function history(): CanonicalEvent[] {
  const events: CanonicalEvent[] = [];
  const add = <T extends EventType>(type: T, data: EventDataMap[T], at: string) => {
    const created = newEvent(type, data, { occurredAt: at, source: 'test', schemaVersion: CURRENT_SCHEMA_VERSION }, derivedEventId('correction-test', events.length));
    events.push({ ...created, streamId: 'incident-incidentio-INC-7', streamVersion: events.length, globalPosition: events.length + 1, recordedAt: at } as CanonicalEvent);
  };
  add('IncidentDeclared', { tool: 'incidentio', incidentId: 'INC-7', declaredAt: '2026-02-02T10:00:00Z', serviceIds: ['checkout-io'] }, '2026-02-02T10:00:00Z');
  add('IncidentResolved', { tool: 'incidentio', incidentId: 'INC-7', resolvedAt: '2026-02-02T12:00:00Z' }, '2026-02-02T12:00:00Z');
  return events;
}

function incidentOf(events: readonly CanonicalEvent[]): Incident {
  const incident = metricModelOf(events, directory).incidents[0];
  if (!incident) throw new Error('no incident');
  return incident;
}

function plan(correction: Correction, events: readonly CanonicalEvent[] = history(), reason = 'the alert fired late', at = NOW): CorrectionPlan {
  return planCorrection({ incident: INCIDENT, correction, reason, by: BY, at, correlationId: 'corr-1' }, incidentOf(events), events);
}

function impact(start: string | null, end: string | null): Correction {
  return { type: 'IncidentImpactCorrected', impactStartedAt: start === null ? null : new Date(start), impactEndedAt: end === null ? null : new Date(end) };
}

/** The stream after appending a planned event. */
function recorded(events: readonly CanonicalEvent[], planned: CorrectionPlan): CanonicalEvent[] {
  if (planned.kind !== 'append') throw new Error('nothing to append');
  return [...events, { ...planned.event, streamId: 'incident-incidentio-INC-7', streamVersion: events.length, globalPosition: events.length + 1, recordedAt: planned.event.metadata.occurredAt } as CanonicalEvent];
}

describe('planning an incident correction', () => {
  it('appends the canonical event with who made it, why, and the request’s correlation id', () => {
    const planned = plan(impact('2026-02-02T09:40:00Z', '2026-02-02T10:30:00Z'));

    expect(planned).toMatchObject({
      kind: 'append',
      event: {
        type: 'IncidentImpactCorrected',
        data: { tool: 'incidentio', incidentId: 'INC-7', impactStartedAt: '2026-02-02T09:40:00Z', impactEndedAt: '2026-02-02T10:30:00Z', correctedBy: BY, note: 'the alert fired late' },
        metadata: { occurredAt: '2026-02-10T12:00:00.000Z', source: 'api', correlationId: 'corr-1', schemaVersion: CURRENT_SCHEMA_VERSION },
      },
    });
  });

  it('gives a double submission one event id, and appends nothing once the same correction is recorded', () => {
    const first = plan(impact(null, '2026-02-02T10:30:00Z'));
    // Racing: the second submission, a second later, read the same stream: same id, so the store keeps one.
    const racing = plan(impact(null, '2026-02-02T10:30:00Z'), history(), 'the alert fired late', new Date(NOW.getTime() + 1_000));
    expect(first.kind === 'append' && racing.kind === 'append' && racing.event.eventId === first.event.eventId).toBe(true);

    // After it was recorded, the same correction (by anyone) is already there.
    const again = plan(impact(null, '2026-02-02T10:30:00.000Z'), recorded(history(), first));
    expect(again).toEqual({ kind: 'already_recorded', eventId: first.kind === 'append' ? first.event.eventId : '', occurredAt: '2026-02-10T12:00:00.000Z' });
  });

  it('records a correction back to an earlier value as a new event, so that it wins as the latest', () => {
    const first = plan(impact(null, '2026-02-02T10:30:00Z'));
    const second = plan(impact(null, '2026-02-02T11:00:00Z'), recorded(history(), first));
    const back = plan(impact(null, '2026-02-02T10:30:00Z'), recorded(recorded(history(), first), second));

    const ids = [first, second, back].map((planned) => (planned.kind === 'append' ? planned.event.eventId : 'none'));
    expect(new Set(ids).size).toBe(3);
  });

  it('marks not change-caused and links a deployment by hand', () => {
    expect(plan({ type: 'IncidentMarkedNotChangeCaused' })).toMatchObject({ kind: 'append', event: { type: 'IncidentMarkedNotChangeCaused', data: { note: 'the alert fired late', correctedBy: BY } } });
    expect(plan({ type: 'IncidentLinkedToDeployment', deployment: { tool: 'github', id: '42' } })).toMatchObject({
      kind: 'append',
      event: { type: 'IncidentLinkedToDeployment', data: { deployment: { tool: 'github', id: '42' } } },
    });
  });

  it.each([
    ['no time at all', impact(null, null), 'impactStartedAt', /give impactStartedAt, impactEndedAt or both/],
    ['an end before the start', impact('2026-02-02T10:00:00Z', '2026-02-02T09:00:00Z'), 'impactEndedAt', /must be after impactStartedAt/],
    ['an end equal to the start', impact('2026-02-02T10:00:00Z', '2026-02-02T10:00:00Z'), 'impactEndedAt', /must be after impactStartedAt/],
    ['an end before the incident’s impact start (its declaration)', impact(null, '2026-02-02T09:59:00Z'), 'impactEndedAt', /after the incident's impact start \(2026-02-02T10:00:00.000Z\)/],
    ['a start after the incident was resolved', impact('2026-02-02T12:30:00Z', null), 'impactStartedAt', /before the incident's impact end \(2026-02-02T12:00:00.000Z\)/],
    ['a time in the future', impact(null, '2026-02-11T00:00:00Z'), 'impactEndedAt', /in the future/],
  ])('refuses %s', (_case, correction, argument, message) => {
    let refusal: unknown;
    try {
      plan(correction);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InvalidCorrection);
    expect(refusal).toMatchObject({ argument, message: expect.stringMatching(message) });
  });

  it('refuses an empty reason', () => {
    expect(() => plan({ type: 'IncidentMarkedNotChangeCaused' }, history(), '   ')).toThrow(/reason must not be empty/);
  });
});

describe('incident and deployment keys, and who may correct', () => {
  it('reads the tool and id back from the keys the API shows', () => {
    expect(incidentRefOfKey('incident:jira:OPS-12')).toEqual({ tool: 'jira', id: 'OPS-12' });
    expect(incidentRefOfKey('deployment:github:42')).toBeNull();
    expect(deploymentRefOfKey('deployment:github:42')).toEqual({ tool: 'github', id: '42' });
    expect(deploymentRefOfKey('42')).toBeNull();
  });

  it('names the teams owning and operating the incident’s services now', () => {
    expect(teamsResponsibleFor(incidentOf(history()), directory, NOW.getTime())).toEqual(['payments', 'sre']);
    expect(teamsResponsibleFor({ services: [] }, directory, NOW.getTime())).toEqual([]);
  });
});
