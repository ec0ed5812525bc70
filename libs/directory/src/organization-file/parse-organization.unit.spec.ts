import { resolveSettings } from '../model/default-settings';
import { issuesOf } from './file-issues.harness.spec';
import { parseLocatingIssues, parseOrganization, parseValidFile } from './parse-organization';

/** The example of the issue, verbatim. */
const ISSUE_EXAMPLE = `organization: { name: Acme, timezone: Europe/Berlin, minGroupSize: 3 }
teams:
  - { slug: payments, name: Payments, kind: dev }        # kind: dev | ops | sre | platform | other
  - { slug: sre, name: Site Reliability, kind: sre }
people:
  - id: alice
    name: Alice Liddell
    email: alice@example.com
    identities: { github: alice-gh, gitlab: alice, slack: U012AB3CD, teams: "29:1abc", pagerduty: PXPGF42, opsgenie: alice@example.com, jira: "5b10a2844c20165700ede21g", incidentio: 01FCNDV6P870EA6S7TK1DSYDG0 }
    memberships: [ { team: payments, from: 2026-01-01, to: null } ]
    workingHours: { timezone: Europe/Berlin, days: [mon, tue, wed, thu, fri], start: "09:00", end: "18:00" }
    bot: false
services:
  - slug: checkout
    ownedBy: payments
    operatedBy: sre
    repos: [acme/checkout]
    paging: { pagerduty: [PIJ90N7], opsgenie: [checkout-team] }
    channels: { slack: [C024BE91L] }
    slo: { availability: 0.999, severity: SEV2 }
kpis: { linkWindow: 24h, participationSeverity: SEV3, postmortemSeverity: SEV2, postmortemDue: 7d }
recognition: { kudosTrigger: kudos, kudosEmoji: [raised_hands], kudosPerDay: 5 }
`;


describe('parseOrganization', () => {
  it('reads the documented example into the model', () => {
    const model = parseOrganization(ISSUE_EXAMPLE);

    expect(model.config).toEqual({
      name: 'Acme',
      timezone: 'Europe/Berlin',
      minGroupSize: 3,
      defaultWorkingHours: undefined,
      kpis: {
        linkWindowSeconds: 86_400,
        participationSeverity: 'SEV3',
        postmortemSeverity: 'SEV2',
        postmortemDueSeconds: 604_800,
        actionItemDueSeconds: undefined,
        infraPaths: undefined,
        productionEnvironments: undefined,
      },
      recognition: { kudosTriggers: ['kudos'], kudosReactions: ['raised_hands'], kudosPerDay: 5, kudosValues: undefined, disabledRules: undefined },
    });
    expect(model.teams).toEqual([
      { slug: 'payments', name: 'Payments', kind: 'dev', parentSlug: null, workingHours: null },
      { slug: 'sre', name: 'Site Reliability', kind: 'sre', parentSlug: null, workingHours: null },
    ]);
    const [alice] = model.people;
    expect(alice.identities).toEqual([
      { tool: 'github', id: 'alice-gh' },
      { tool: 'gitlab', id: 'alice' },
      { tool: 'slack', id: 'U012AB3CD' },
      { tool: 'teams', id: '29:1abc' },
      { tool: 'pagerduty', id: 'PXPGF42' },
      { tool: 'opsgenie', id: 'alice@example.com' },
      { tool: 'jira', id: '5b10a2844c20165700ede21g' },
      { tool: 'incidentio', id: '01FCNDV6P870EA6S7TK1DSYDG0' },
    ]);
    // 2026-01-01 is midnight in Berlin, one hour before midnight UTC in winter.
    expect(alice.memberships).toEqual([{ team: 'payments', from: '2025-12-31T23:00:00.000Z', to: null }]);
    expect(alice.workingHours?.ranges).toHaveLength(5);
    expect(alice.workingHours?.ranges[0]).toEqual({ day: 'mon', startMinute: 540, endMinute: 1080 });
    expect(model.services).toEqual([
      {
        slug: 'checkout',
        name: null,
        ownedBy: 'payments',
        operatedBy: 'sre',
        repositories: [{ tool: 'github', id: 'acme/checkout' }],
        pagingServices: [
          { tool: 'pagerduty', id: 'PIJ90N7' },
          { tool: 'opsgenie', id: 'checkout-team' },
        ],
        incidentServices: [],
        channels: [{ tool: 'slack', id: 'C024BE91L' }],
        slo: { availabilityTarget: 0.999, severityThreshold: 'SEV2' },
      },
    ]);
  });

  it('leaves unset settings unset and resolves them to the defaults of metrics.md', () => {
    const model = parseOrganization('organization: { name: Tiny }\n');
    const settings = resolveSettings(model.config);

    expect(model.config.timezone).toBeUndefined();
    expect(settings.timezone).toBe('UTC');
    expect(settings.minGroupSize).toBe(3);
    expect(settings.kpis.linkWindowSeconds).toBe(86_400);
    expect(settings.kpis.postmortemDueSeconds).toBe(604_800);
    expect(settings.kpis.infraPaths).toContain('.github/workflows/**');
    expect(settings.recognition.kudosPerDay).toBe(5);
    expect(settings.defaultWorkingHours.ranges.map((range) => range.day)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(model.delivery).toEqual({ recognitionPostTo: {}, reports: null });
  });

  it('reads the additions: values, post targets, reports, opt-outs, team hours and overnight shifts', () => {
    const model = parseOrganization(`organization: { name: Acme, timezone: Europe/Paris, workingHours: { days: [mon], start: "10:00", end: "16:00" } }
teams:
  - slug: noc
    name: NOC
    kind: ops
    workingHours: { days: [fri], start: "22:00", end: "06:00" }
people:
  - { id: zoe, name: Zoe, optOutOfAutomaticRecognition: true, memberships: [ { team: noc, from: "2026-02-01T06:00:00Z" } ] }
kpis: { infraPaths: ["infra/**"], actionItemDue: 2w }
recognition:
  values: [ownership, curiosity]
  postTo: { slack: { channel: C0KUDOS }, teams: { webhookUrl: "https://acme.webhook.office.com/x" } }
reports: { cron: "0 8 * * MON" }
`);

    expect(model.config.defaultWorkingHours).toEqual([{ day: 'mon', startMinute: 600, endMinute: 960 }]);
    expect(model.teams[0].workingHours).toEqual({
      timezone: 'Europe/Paris',
      ranges: [
        { day: 'fri', startMinute: 1320, endMinute: 1440 },
        { day: 'sat', startMinute: 0, endMinute: 360 },
      ],
    });
    expect(model.people[0].optOutOfAutomaticRecognition).toBe(true);
    expect(model.people[0].memberships[0].from).toBe('2026-02-01T06:00:00.000Z');
    expect(model.config.kpis.infraPaths).toEqual(['infra/**']);
    expect(model.config.kpis.actionItemDueSeconds).toBe(1_209_600);
    expect(model.config.recognition.kudosValues).toEqual(['ownership', 'curiosity']);
    expect(model.delivery).toEqual({
      recognitionPostTo: { slack: { channel: 'C0KUDOS' }, teams: { webhookUrl: 'https://acme.webhook.office.com/x' } },
      reports: { cron: '0 8 * * MON', timezone: 'Europe/Paris' },
    });
  });

  it('names file, line, column and key of a reference to an unknown team', () => {
    const text = `organization: { name: Acme }
teams:
  - { slug: payments, name: Payments, kind: dev }
people:
  - id: alice
    name: Alice
  - id: bob
    name: Bob
  - id: carol
    name: Carol
    memberships:
      - from: 2026-01-01
        to: null
      - team: paymnts
        from: 2026-02-01
`;
    expect(issuesOf(text)).toEqual([
      'tandem.yaml:12:9 people[2].memberships[0].team: is required',
      'tandem.yaml:14:9 people[2].memberships[1].team: unknown team "paymnts" (did you mean "payments"?)',
    ]);
  });

  it('reports every problem at once, in file order', () => {
    const text = `organization: { name: Acme, timezone: Mars/Olympus }
teams:
  - { slug: payments, name: Payments, kind: devops }
  - { slug: payments, name: Payments again, kind: dev, colour: red }
people:
  - id: alice
    name: Alice
    identities: { github: Alice-GH }
    memberships:
      - { team: payments, from: 2026-03-01, to: 2026-02-01 }
  - id: alice
    name: Alice Twin
    identities: { github: alice-gh, gitlub: twin }
    memberships:
      - { team: payments, from: 2026-01-01 }
      - { team: payments, from: 2026-06-01, to: 2026-07-01 }
services:
  - { slug: checkout, ownedBy: payments, operatedBy: sre, repos: [acme/checkout] }
  - { slug: cart, ownedBy: payments, repos: [Acme/Checkout] }
kpis: { linkWindow: 1 day }
`;
    expect(issuesOf(text)).toEqual([
      'tandem.yaml:1:29 organization.timezone: is not an IANA time zone (e.g. Europe/Berlin)',
      'tandem.yaml:3:39 teams[0].kind: must be one of dev, ops, sre, platform, other',
      'tandem.yaml:4:7 teams[1].slug: team "payments" is already defined at teams[0].slug',
      'tandem.yaml:4:56 teams[1].colour: unknown key',
      'tandem.yaml:10:45 people[0].memberships[0].to: ends (2026-02-01) before it starts (2026-03-01)',
      'tandem.yaml:11:5 people[1].id: person "alice" is already defined at people[0].id',
      'tandem.yaml:13:19 people[1].identities.github: github identity "alice-gh" already belongs to people[0] (alice)',
      'tandem.yaml:13:37 people[1].identities.gitlub: unknown key',
      'tandem.yaml:16:9 people[1].memberships[1]: overlaps people[1].memberships[0] in team "payments"',
      'tandem.yaml:18:42 services[0].operatedBy: unknown team "sre" (did you mean "payments"?)',
      'tandem.yaml:19:46 services[1].repos[0]: repository "Acme/Checkout" is already mapped at services[0].repos[0]',
      'tandem.yaml:20:9 kpis.linkWindow: must be a duration such as 30m, 24h or 7d',
    ]);
  });

  it('reports YAML syntax errors with their line and column', () => {
    const text = `organization: { name: Acme }
teams:
  - { slug: payments, name: Payments, kind: dev
people: []
`;
    const [issue, ...rest] = issuesOf(text);

    expect(issue).toMatch(/^tandem\.yaml:4:1 YAML syntax error: /);
    expect(rest.every((line) => line.startsWith('tandem.yaml:'))).toBe(true);
  });

  it('rejects an empty file and names the missing organisation', () => {
    expect(issuesOf('')).toEqual(['tandem.yaml:1:1 must be a mapping']);
    expect(issuesOf('teams: []\n')).toEqual(['tandem.yaml:1:1 organization: is required']);
  });

  it('uses the given file name in messages', () => {
    expect(() => parseOrganization('organization: { nam: Acme }\n', 'config/acme.yaml')).toThrow(
      'config/acme.yaml:1:17 organization.nam: unknown key',
    );
  });
});

describe('the two passes of parseOrganization', () => {
  const SCALARS = `organization: { name: "Acme: the company", minGroupSize: 0o3 }
teams:
  - { slug: payments, name: 'Payments ''n'' Billing', kind: dev }
people:
  - id: "007"
    name: >-
      James
      Bond
    identities: { slack: 12345, pagerduty: 0x1F, jira: "0x1F", github: "True" }
    memberships: [ { team: payments, from: 2026-01-01, to: null } ]
    bot: FALSE
services:
  - { slug: checkout, ownedBy: payments, slo: { availability: .999, severity: SEV2 } }
`;

  it.each([
    ['the documented example', ISSUE_EXAMPLE],
    ['quoting, folding, nulls, booleans, octal and hexadecimal numbers', SCALARS],
  ])('reads %s into the same model', (_, text) => {
    const fast = parseValidFile(text);

    expect(fast).toBeDefined();
    expect(fast).toEqual(parseLocatingIssues(text, 'tandem.yaml'));
  });

  it('leaves files with aliases to the pass that bounds them, which reads them', () => {
    const text = `organization: { name: Acme }
teams: [ { slug: payments, name: Payments, kind: dev } ]
people:
  - { id: alice, name: Alice, memberships: &payments [ { team: payments, from: 2026-01-01 } ] }
  - { id: bob, name: Bob, memberships: *payments }
`;
    expect(parseValidFile(text)).toBeUndefined();
    expect(parseOrganization(text).people.map((person) => person.memberships.map((membership) => membership.team))).toEqual([['payments'], ['payments']]);
  });

  it('leaves invalid files to the pass that locates their issues', () => {
    expect(parseValidFile('organization: { nam: Acme }\n')).toBeUndefined();
    expect(parseValidFile('organization: { name: Acme\n')).toBeUndefined();
  });
});
