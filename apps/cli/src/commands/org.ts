import { readFile } from 'node:fs/promises';
import type { TandemConfig } from '@tandem/config';
import {
  formatIssue,
  importBackstageCatalog,
  OrganizationFileError,
  parseOrganization,
  type CatalogFile,
  type OrganizationModel,
} from '@tandem/directory';
import { applyOrganization, describeApplySummary, readDirectory } from '@tandem/organization';
import { createInfrastructure, type Infrastructure } from '@tandem/runtime';
import { UserError } from '../exit-codes';

/** `tandem org apply FILE`: makes the configured event store describe the organisation in FILE. */
export async function applyOrganizationFile(config: TandemConfig, file: string): Promise<string> {
  const model = parseOrganizationFile(file, await readText(file));
  return withEventStore(config, async ({ eventStore }) => {
    const summary = await applyOrganization(eventStore, model, { by: 'tandem.yaml', at: new Date().toISOString() });
    return `${file}: ${describeApplySummary(summary)}`;
  });
}

/**
 * `tandem org import-backstage FILE…`: the catalog's Groups, Users and Components become the
 * organisation (the organisation settings already in the store stay). Entities that cannot be
 * mapped are listed, not fatal.
 */
export async function importBackstageFiles(config: TandemConfig, files: readonly string[]): Promise<{ summary: string; skipped: string[] }> {
  const catalog: CatalogFile[] = await Promise.all(files.map(async (fileName) => ({ fileName, text: await readText(fileName) })));
  return withEventStore(config, async ({ eventStore }) => {
    const current = await readDirectory(eventStore);
    const imported = userErrorOnBadFile(() => importBackstageCatalog(catalog, current.state.config ? { organization: current.state.config } : {}));
    const summary = await applyOrganization(eventStore, imported.model, { by: 'backstage', at: new Date().toISOString(), source: 'backstage' });
    return { summary: `${files.join(', ')}: ${describeApplySummary(summary)}`, skipped: imported.skipped.map(formatIssue) };
  });
}

/**
 * What `tandem start` applies once it runs: the organisation file read and checked before the
 * server starts, so that a bad file stops it with the file's own error. A missing file is fine when
 * it is the default `tandem.yaml` (`undefined`), and a user error when it was asked for.
 */
export async function organizationForStart(file: string, explicitlyGiven: boolean): Promise<OrganizationModel | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error) && !explicitlyGiven) return undefined;
    throw unreadable(file, error);
  }
  return parseOrganizationFile(file, text);
}

/** Applies the organisation read by `organizationForStart` to the running store, and logs what changed. */
export async function applyAtStart(infrastructure: Infrastructure, file: string, model: OrganizationModel | undefined): Promise<void> {
  if (model === undefined) {
    infrastructure.logger.info({ file }, `no organisation file at ${file}: starting without one (people will appear as unresolved identities)`);
    return;
  }
  const summary = await applyOrganization(infrastructure.eventStore, model, { by: 'tandem.yaml', at: new Date().toISOString() });
  infrastructure.logger.info({ file, appended: summary.appended, byType: summary.byType }, `organisation ${file}: ${describeApplySummary(summary)}`);
}

function parseOrganizationFile(file: string, text: string): OrganizationModel {
  return userErrorOnBadFile(() => parseOrganization(text, file));
}

/** One problem reads as its `file:line:col key: message`; several keep the count and one per line. */
function userErrorOnBadFile<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof OrganizationFileError)) throw error;
    const [only] = error.issues;
    throw new UserError(error.issues.length === 1 && only ? formatIssue(only) : error.message, { cause: error });
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error);
  }
}

function unreadable(file: string, error: unknown): UserError {
  const reason = isMissingFile(error) ? 'no such file' : String((error as { message?: unknown }).message ?? error);
  return new UserError(`cannot read the organisation file ${file}: ${reason}`, { cause: error });
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

async function withEventStore<T>(config: TandemConfig, use: (infrastructure: Infrastructure) => Promise<T>): Promise<T> {
  const infrastructure = await createInfrastructure(config, 'cli');
  try {
    return await use(infrastructure);
  } finally {
    await infrastructure.close();
  }
}
