import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyModel } from '../../test/acme-organization';
import { Directory } from '../model/directory';
import { OrganizationFileError } from '../organization-file/organization-file-error';
import { importBackstageCatalog, type CatalogFile } from './import-backstage-catalog';

const FIXTURE_DIR = join(__dirname, '../../../../test/fixtures/backstage/acme');

/** Backstage's own published example catalog (see acme.source.txt). */
function backstageExample(): CatalogFile[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ fileName: name, text: readFileSync(join(FIXTURE_DIR, name), 'utf8') }));
}

describe('importBackstageCatalog with the Backstage example organisation', () => {
  const { model, skipped } = importBackstageCatalog(backstageExample(), { membershipsFrom: '2026-01-01T00:00:00Z' });

  it('maps Groups to teams: teams of the default kind, organisational units as other', () => {
    expect(model.teams.map((team) => [team.slug, team.kind, team.name, team.parentSlug])).toEqual([
      ['backstage', 'other', 'Backstage', 'infrastructure'],
      ['boxoffice', 'other', 'boxoffice', 'infrastructure'],
      ['infrastructure', 'other', 'infrastructure', 'acme-corp'],
      ['acme-corp', 'other', 'acme-corp', null],
      ['team-a', 'dev', 'team-a', 'backstage'],
      ['team-b', 'dev', 'Team B', 'backstage'],
      ['team-c', 'dev', 'team-c', 'boxoffice'],
      ['team-d', 'dev', 'Team D', 'boxoffice'],
    ]);
  });

  it('maps Users to people with their team, name and email, across namespaces', () => {
    expect(model.people).toHaveLength(17);
    expect(model.people.find((person) => person.id === 'janelle.dawe')).toEqual({
      id: 'janelle.dawe',
      name: 'Janelle Dawe',
      email: 'janelle-dawe@example.com',
      identities: [],
      memberships: [{ team: 'team-a', from: '2026-01-01T00:00:00.000Z', to: null }],
      workingHours: null,
      bot: false,
      optOutOfAutomaticRecognition: false,
    });
    // No displayName: the entity name stands in.
    expect(model.people.find((person) => person.id === 'breanna.davison')?.name).toBe('breanna.davison');
    const guests = model.people.filter((person) => person.name === 'Guest User');
    expect(guests.map((person) => [person.id, person.email, person.memberships[0]?.team])).toEqual([
      ['guest', 'guest@example.com', 'team-a'],
      ['development__guest', null, 'team-a'],
    ]);
  });

  it('maps Components to services owned by their Group, or by the team of their owning User', () => {
    expect(model.services.map((service) => [service.slug, service.ownedBy])).toEqual([
      ['playback-order', 'team-a'],
      ['wayback-search', 'team-a'],
      ['www-artist', 'team-a'],
    ]);
  });

  it('lists what it left out, with file, line and why', () => {
    expect(skipped.map((issue) => `${issue.file}:${issue.line}:${issue.col} ${issue.path}: ${issue.message}`)).toEqual([
      'team-a-group.yaml:72:5 spec.profile.email: email "guest@example.com" already belongs to guest; not linked to development__guest',
      'catalog-info.yaml:22:3 spec.owner: owner "CNCF" is neither a Group nor a User with a team in this catalog; component skipped',
      'petstore-component.yaml:14:3 spec.owner: owner "sre" is neither a Group nor a User with a team in this catalog; component skipped',
    ]);
  });

  it('loads into a directory and reloads without changes', () => {
    const { directory, events } = applyModel(Directory.empty(), model, '2026-01-05T00:00:00.000Z', 'backstage');

    expect(events.every(({ event }) => event.metadata.source === 'backstage')).toBe(true);
    expect(directory.teamSize('team-b', '2026-02-01T00:00:00Z')).toBe(5);
    expect(directory.sideOf('lucy.sheehan', '2026-02-01T00:00:00Z')).toBe('dev');
    expect(directory.owningTeam('www-artist', '2026-02-01T00:00:00Z')).toBe('team-a');
    expect(applyModel(directory, model, '2026-02-01T00:00:00.000Z', 'backstage').events).toEqual([]);
  });
});

describe('importBackstageCatalog annotations', () => {
  const catalog = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: sre
  annotations:
    tandem.dev/team-kind: sre
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: alice
  annotations:
    github.com/user-login: alice-gh
    tandem.dev/identity.slack: U012AB3CD
spec:
  profile: { displayName: Alice Liddell, email: alice@example.com }
  memberOf: [payments, group:default/sre]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: deploy-bot
  annotations:
    tandem.dev/bot: "true"
spec:
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  title: Checkout
  annotations:
    github.com/project-slug: acme/checkout
    pagerduty.com/service-id: PIJ90N7
    opsgenie.com/team: checkout-team
    tandem.dev/operated-by: sre
    tandem.dev/slack-channels: C024BE91L, C0INCIDENT
spec:
  type: service
  owner: group:payments
`;

  it('reads identities, kinds, bots, repositories, paging services, channels and the operating team', () => {
    const { model, skipped } = importBackstageCatalog([{ fileName: 'catalog-info.yaml', text: catalog }], { defaultTeamKind: 'dev' });
    const { directory } = applyModel(Directory.empty(), model, '2026-01-05T00:00:00.000Z', 'backstage');

    expect(skipped).toEqual([]);
    expect(model.teams.map((team) => [team.slug, team.kind])).toEqual([
      ['sre', 'sre'],
      ['payments', 'dev'],
    ]);
    expect(directory.resolveIdentity('github', 'Alice-GH')).toBe('alice');
    expect(directory.resolveIdentity('slack', 'U012AB3CD')).toBe('alice');
    expect(directory.sideOf('alice', '2026-02-01T00:00:00Z')).toBe('both');
    expect(directory.isBot('deploy-bot')).toBe(true);
    expect(model.services).toEqual([
      {
        slug: 'checkout',
        name: 'Checkout',
        ownedBy: 'payments',
        operatedBy: 'sre',
        repositories: [{ tool: 'github', id: 'acme/checkout' }],
        pagingServices: [
          { tool: 'pagerduty', id: 'PIJ90N7' },
          { tool: 'opsgenie', id: 'checkout-team' },
        ],
        incidentServices: [],
        channels: [
          { tool: 'slack', id: 'C024BE91L' },
          { tool: 'slack', id: 'C0INCIDENT' },
        ],
        slo: null,
      },
    ]);
    expect(directory.serviceForChannel('slack', 'C0INCIDENT')).toBe('checkout');
  });

  it('rejects a catalog with a YAML syntax error, naming the file and line', () => {
    const broken = `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: [sre\n`;
    expect(() => importBackstageCatalog([{ fileName: 'groups.yaml', text: broken }])).toThrow(OrganizationFileError);
    expect(() => importBackstageCatalog([{ fileName: 'groups.yaml', text: broken }])).toThrow(/groups\.yaml:5:1 YAML syntax error/);
  });

  it('skips an entity that lacks what Tandem needs, saying where', () => {
    const { model, skipped } = importBackstageCatalog([
      { fileName: 'users.yaml', text: 'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { title: Nameless }\nspec: { memberOf: [] }\n' },
    ]);
    expect(model.people).toEqual([]);
    expect(skipped.map((issue) => `${issue.line}:${issue.col} ${issue.path}: ${issue.message}`)).toEqual(['3:1 metadata.name: is required; User skipped']);
  });
});
