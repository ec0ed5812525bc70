import { fromEpochOfAnyUnit, fromGitlabTime, fromIsoTime, fromSlackTs, InvalidVendorTime } from './vendor-time';

describe('vendor time parsing', () => {
  it('reads ISO-8601 with Z, with a colon offset and with a Jira-style offset without colon', () => {
    expect(fromIsoTime('2020-06-13T01:44:52Z')).toBe('2020-06-13T01:44:52.000Z');
    expect(fromIsoTime('2019-02-15T19:01:52.971-08:00')).toBe('2019-02-16T03:01:52.971Z');
    expect(fromIsoTime('2019-02-15T19:01:52.971-0800')).toBe('2019-02-16T03:01:52.971Z');
  });

  it('reads the three GitLab formats', () => {
    expect(fromGitlabTime('2016-08-12 15:23:28 UTC')).toBe('2016-08-12T15:23:28.000Z');
    expect(fromGitlabTime('2021-04-28 21:50:00 +0200')).toBe('2021-04-28T19:50:00.000Z');
    expect(fromGitlabTime('2021-04-28T21:50:00Z')).toBe('2021-04-28T21:50:00.000Z');
  });

  it('reads Slack seconds.micros without losing the milliseconds', () => {
    expect(fromSlackTs('1531420618.000200')).toBe('2018-07-12T18:36:58.000Z');
    expect(fromSlackTs('1531420618.123456')).toBe('2018-07-12T18:36:58.123Z');
    expect(fromSlackTs('1531420618')).toBe('2018-07-12T18:36:58.000Z');
  });

  it('tells epoch units apart by magnitude (Opsgenie sends ms and ns in one payload)', () => {
    const instant = '2017-05-30T08:01:30.519Z';
    expect(fromEpochOfAnyUnit(1496131290519)).toBe(instant);
    expect(fromEpochOfAnyUnit(1496131290519000000)).toBe(instant);
    expect(fromEpochOfAnyUnit(1496131290)).toBe('2017-05-30T08:01:30.000Z');
    expect(fromEpochOfAnyUnit('1496131290519')).toBe(instant);
  });

  it('refuses what it cannot read with the input and the expectation', () => {
    expect(() => fromIsoTime('yesterday')).toThrow(InvalidVendorTime);
    expect(() => fromIsoTime(42)).toThrow('cannot read time 42: expected an ISO-8601 string');
    expect(() => fromSlackTs('1531420618.x')).toThrow(InvalidVendorTime);
    expect(() => fromEpochOfAnyUnit(-5)).toThrow(InvalidVendorTime);
    expect(() => fromIsoTime('+275760-09-13T00:00:00.001Z')).toThrow(InvalidVendorTime);
    expect(() => fromSlackTs('99999999999999999')).toThrow(InvalidVendorTime);
  });
});
