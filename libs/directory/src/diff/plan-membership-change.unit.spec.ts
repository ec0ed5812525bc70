import { acmeDirectory } from '../../test/acme-organization';
import { DirectoryChangeError } from '../model/directory-change-error';
import { planMembershipChange } from './plan-membership-change';

const BY = { at: '2026-04-01T00:00:00Z', by: 'token:t1', operationId: 'op-1', correlationId: 'req-1' };

describe('planMembershipChange', () => {
  const directory = acmeDirectory();

  it('opens a period, recording who changed it and in which request', () => {
    const [planned] = planMembershipChange(directory, { personId: 'dave', team: 'sre', from: '2026-04-01T00:00:00Z', to: null }, BY);

    expect(planned.streamId).toBe('person-dave');
    expect(planned.event).toMatchObject({
      type: 'TeamMembershipChanged',
      data: { personId: 'dave', teamSlug: 'sre', validFrom: '2026-04-01T00:00:00Z', changedBy: 'token:t1' },
      metadata: { source: 'api', correlationId: 'req-1', occurredAt: '2026-04-01T00:00:00.000Z' },
    });
    const moved = directory.apply([planned.event]);
    expect(moved.teamsOf('dave', '2026-04-02T00:00:00Z')).toEqual(['payments', 'sre']);
    expect(moved.teamsOf('dave', '2026-03-31T00:00:00Z')).toEqual(['payments']);
  });

  it('ends and withdraws a period by its start, and plans nothing for a period already so', () => {
    const [ended] = planMembershipChange(directory, { personId: 'dave', team: 'payments', from: '2025-12-31T23:00:00Z', to: '2026-03-01T00:00:00Z' }, BY);
    const afterEnd = directory.apply([ended.event]);
    expect(afterEnd.teamsOf('dave', '2026-03-02T00:00:00Z')).toEqual([]);
    expect(planMembershipChange(afterEnd, { personId: 'dave', team: 'payments', from: '2025-12-31T23:00:00Z', to: '2026-03-01T00:00:00Z' }, BY)).toEqual([]);

    const [withdrawn] = planMembershipChange(afterEnd, { personId: 'dave', team: 'payments', from: '2025-12-31T23:00:00Z', to: '2025-12-31T23:00:00Z' }, BY);
    expect(directory.apply([withdrawn.event]).person('dave')?.memberships).toEqual([]);
  });

  it.each([
    ['an unknown person', { personId: 'nobody', team: 'sre', from: '2026-04-01T00:00:00Z', to: null }, 'DIRECTORY_UNKNOWN_PERSON'],
    ['an unknown team', { personId: 'dave', team: 'nope', from: '2026-04-01T00:00:00Z', to: null }, 'DIRECTORY_UNKNOWN_TEAM'],
    ['an end before the start', { personId: 'dave', team: 'sre', from: '2026-04-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'DIRECTORY_INVALID_PERIOD'],
    ['a withdrawal of no period', { personId: 'dave', team: 'sre', from: '2026-04-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }, 'DIRECTORY_INVALID_PERIOD'],
    ['an overlap with another period of the team', { personId: 'dave', team: 'payments', from: '2026-02-01T00:00:00Z', to: null }, 'DIRECTORY_OVERLAPPING_PERIOD'],
  ])('refuses %s', (_case, change, code) => {
    expect(() => planMembershipChange(directory, change, BY)).toThrow(expect.objectContaining({ code }) as DirectoryChangeError);
  });

  it('gives two changes of the same admin in the same millisecond different event ids', () => {
    const change = { personId: 'dave', team: 'sre', from: '2026-04-01T00:00:00Z', to: null };
    const [first] = planMembershipChange(directory, change, BY);
    const [second] = planMembershipChange(directory, change, { ...BY, operationId: 'op-2' });
    expect(first.event.eventId).not.toBe(second.event.eventId);
  });
});
