import { toEpochMs, toIsoInstant, type Instant } from '../model/instant';
import type { OrganizationConfig, OrganizationModel, TeamKind } from '../model/organization-model';
import { OrganizationFileError, type OrganizationFileIssue } from '../organization-file/organization-file-error';
import { readCatalogEntities, type CatalogEntities } from './catalog-entities';
import { CatalogMapper } from './catalog-mapper';

export interface CatalogFile {
  fileName: string;
  text: string;
}

export interface BackstageImportOptions {
  /** Backstage has no organisation settings; default: a name and every default. */
  organization?: OrganizationConfig;
  /** Kind of a Group of `spec.type: team` without a `tandem.dev/team-kind` annotation (default dev). */
  defaultTeamKind?: TeamKind;
  /** Backstage memberships are undated: when they start (default: the epoch, i.e. always). */
  membershipsFrom?: Instant;
}

export interface BackstageImport {
  model: OrganizationModel;
  /** Entities or references left out, each with where and why. */
  skipped: readonly OrganizationFileIssue[];
}

/**
 * Maps Backstage catalog files (multi-document `catalog-info.yaml`) onto the organisation model:
 * Group → team, User → person with memberships, Component → service. Throws an
 * OrganizationFileError on YAML syntax errors; entities that cannot be mapped are skipped and listed.
 */
export function importBackstageCatalog(files: readonly CatalogFile[], options: BackstageImportOptions = {}): BackstageImport {
  const entities: CatalogEntities = { groups: [], users: [], components: [], issues: [], syntaxIssues: [] };
  for (const file of files) readCatalogEntities(file.text, file.fileName, entities);
  if (entities.syntaxIssues.length > 0) throw new OrganizationFileError(files.map((file) => file.fileName).join(', '), entities.syntaxIssues);

  const mapper = new CatalogMapper(entities, toIsoInstant(toEpochMs(options.membershipsFrom ?? 0)), options.defaultTeamKind ?? 'dev');
  return {
    model: {
      config: options.organization ?? { name: 'Backstage catalog', kpis: {}, recognition: {} },
      ...mapper.map(),
      delivery: { recognitionPostTo: {}, reports: null },
    },
    skipped: [...entities.issues, ...mapper.skipped],
  };
}
