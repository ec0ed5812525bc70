import { OrganizationFileError } from './organization-file-error';
import { parseOrganization } from './parse-organization';

/** The reporter's keys of tandem.yaml (`reports:`, `snapshots:`); their defaults are the reporter's (libs/reports). */
describe('tandem.yaml reports and snapshots keys', () => {
  const ORGANIZATION = 'organization: { name: Acme, timezone: Europe/Paris }\n';

  it('reads schedules, teams, formats and deliveries, with the organisation time zone where none is given', () => {
    const model = parseOrganization(`${ORGANIZATION}reports:
  weekly: "0 9 * * 1"
  monthly: false
  teams: [payments, sre]
  formats: [html, pdf]
  deliver: { folder: /srv/reports, slack: { channel: C0LEADS }, email: { to: [cto@acme.example] } }
snapshots: { daily: "0 3 * * *", timezone: UTC, formats: [csv, parquet], folder: exports }
`);
    expect(model.delivery.reports).toEqual({
      cron: '0 9 * * 1',
      monthly: false,
      timezone: 'Europe/Paris',
      teams: ['payments', 'sre'],
      formats: ['html', 'pdf'],
      deliver: { folder: '/srv/reports', slack: { channel: 'C0LEADS' }, email: { to: ['cto@acme.example'] } },
    });
    expect(model.delivery.snapshots).toEqual({ daily: '0 3 * * *', timezone: 'UTC', formats: ['csv', 'parquet'], folder: 'exports' });
  });

  it('keeps `cron` as the weekly schedule, and `teams: all`', () => {
    const model = parseOrganization(`${ORGANIZATION}reports: { cron: "0 8 * * MON", teams: all }\n`);
    expect(model.delivery.reports).toMatchObject({ cron: '0 8 * * MON', teams: 'all', timezone: 'Europe/Paris' });
    expect(model.delivery.snapshots).toBeUndefined();
  });

  it.each([
    ['reports: { cron: "0 8 * * 1", weekly: "0 9 * * 1" }', 'reports.cron'],
    ['reports: { weekly: "every monday" }', 'reports.weekly'],
    ['reports: { formats: [docx] }', 'reports.formats'],
    ['reports: { deliver: { email: { to: [not-an-address] } } }', 'reports.deliver.email.to'],
    ['snapshots: { formats: [] }', 'snapshots.formats'],
    ['snapshots: { hourly: "0 * * * *" }', 'snapshots'],
  ])('refuses %s, naming %s', (yaml, key) => {
    expect(() => parseOrganization(`${ORGANIZATION}${yaml}\n`, 'tandem.yaml')).toThrow(OrganizationFileError);
    expect(() => parseOrganization(`${ORGANIZATION}${yaml}\n`, 'tandem.yaml')).toThrow(key);
  });
});
