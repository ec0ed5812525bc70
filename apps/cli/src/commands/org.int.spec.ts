import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { createInfrastructure } from '@tandem/runtime';
import { UserError } from '../exit-codes';
import { applyAtStart, applyOrganizationFile, importBackstageFiles, organizationForStart } from './org';

const ORGANIZATION = `organization: { name: Acme, timezone: Europe/Berlin }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: sre, name: Site Reliability, kind: sre }
people:
  - { id: alice, name: Alice Liddell, identities: { github: alice-gh }, memberships: [ { team: payments, from: 2026-01-01 } ] }
`;

const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: search }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { memberOf: [search] }
`;

describe('tandem org', () => {
  let folder: string;
  let config: TandemConfig;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tandem-org-'));
    config = loadConfig({ TANDEM_MODE: 'embedded', TANDEM_DATA_DIR: join(folder, 'data'), LOG_LEVEL: 'silent' });
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('applies an organisation file to the embedded store, and nothing the second time', async () => {
    const file = join(folder, 'tandem.yaml');
    writeFileSync(file, ORGANIZATION);

    expect(await applyOrganizationFile(config, file)).toMatch(/tandem\.yaml: appended \d+ events \(OrganizationConfigured 1, TeamDefined 2, PersonRegistered 1, /);
    expect(await applyOrganizationFile(config, file)).toBe(`${file}: no changes: the event store already describes this organisation`);
  });

  it('refuses a bad file with its file:line:col sentence, before touching the store', async () => {
    const file = join(folder, 'tandem.yaml');
    writeFileSync(file, ORGANIZATION.replace('kind: sre', 'kind: sea'));

    const refusal = applyOrganizationFile(config, file);
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(refusal).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4:42 teams\\[1\\]\\.kind: must be one of dev, ops, sre, platform, other$`));
  });

  it('imports a Backstage catalog', async () => {
    const file = join(folder, 'catalog-info.yaml');
    writeFileSync(file, CATALOG);

    const { summary, skipped } = await importBackstageFiles(config, [file]);
    expect(summary).toMatch(/catalog-info\.yaml: appended \d+ events \(.*TeamDefined 1.*PersonRegistered 1/);
    expect(skipped).toEqual([]);
  });

  it('applies the organisation file at start-up, once', async () => {
    const file = join(folder, 'tandem.yaml');
    writeFileSync(file, ORGANIZATION);
    const infrastructure = await createInfrastructure(config, 'test');
    try {
      const model = await organizationForStart(file, false);
      await applyAtStart(infrastructure, file, model);
      const applied = await infrastructure.eventStore.headPosition();
      await applyAtStart(infrastructure, file, model);

      expect(applied).toBeGreaterThan(0);
      expect(await infrastructure.eventStore.headPosition()).toBe(applied);
    } finally {
      await infrastructure.close();
    }
  });

  it('starts without an organisation when the default file is missing, and refuses a missing file that was asked for', async () => {
    const missing = join(folder, 'tandem.yaml');
    await expect(organizationForStart(missing, false)).resolves.toBeUndefined();
    await expect(organizationForStart(missing, true)).rejects.toThrow(`cannot read the organisation file ${missing}: no such file`);
  });
});
