import { LineCounter, parseAllDocuments } from 'yaml';
import { z } from 'zod';
import type { OrganizationFileIssue } from '../organization-file/organization-file-error';
import { schemaIssues } from '../organization-file/schema-issues';
import { plainValueOf, syntaxIssues, YamlLocator } from '../organization-file/yaml-locator';

/**
 * The parts of Backstage's Group, User and Component entities that Tandem reads. Objects are loose:
 * a catalog carries many fields other plugins use, and they are none of Tandem's business.
 */
const name = z.string().trim().min(1, 'must not be empty');
const metadata = z.looseObject({
  name,
  namespace: z.string().optional(),
  title: z.string().optional(),
  annotations: z.record(z.string(), z.string()).default({}),
});
const profile = z.looseObject({ displayName: z.string().optional(), email: z.string().optional() }).optional();

const groupSchema = z.looseObject({
  kind: z.string(),
  metadata,
  spec: z.looseObject({ type: name, profile, parent: name.optional() }),
});
const userSchema = z.looseObject({
  kind: z.string(),
  metadata,
  spec: z.looseObject({ profile, memberOf: z.array(name).default([]) }),
});
const componentSchema = z.looseObject({
  kind: z.string(),
  metadata,
  spec: z.looseObject({ owner: name, type: z.string().optional() }),
});

export type GroupEntity = z.output<typeof groupSchema>;
export type UserEntity = z.output<typeof userSchema>;
export type ComponentEntity = z.output<typeof componentSchema>;

/** An entity with the means to point at its own lines in messages. */
export interface Located<Entity> {
  entity: Entity;
  locator: YamlLocator;
}

export interface CatalogEntities {
  groups: Located<GroupEntity>[];
  users: Located<UserEntity>[];
  components: Located<ComponentEntity>[];
  /** Entities of a known kind that could not be read, with why. */
  issues: OrganizationFileIssue[];
  syntaxIssues: OrganizationFileIssue[];
}

function collect<Schema extends z.ZodType>(
  schema: Schema,
  root: unknown,
  locator: YamlLocator,
  kind: string,
  list: Located<z.output<Schema>>[],
  issues: OrganizationFileIssue[],
): void {
  const parsed = schema.safeParse(root);
  if (parsed.success) list.push({ entity: parsed.data, locator });
  else issues.push(...schemaIssues(parsed.error.issues, root).map((issue) => locator.issue(issue.path, `${issue.message}; ${kind} skipped`)));
}

/** Reads every document of one catalog file (`---`-separated), keeping Group, User and Component. */
export function readCatalogEntities(text: string, fileName: string, into: CatalogEntities): void {
  const lineCounter = new LineCounter();
  for (const document of parseAllDocuments(text, { lineCounter, prettyErrors: false })) {
    const syntax = syntaxIssues(fileName, document, lineCounter);
    into.syntaxIssues.push(...syntax);
    if (syntax.length > 0) continue;
    const root = plainValueOf(document);
    const locator = new YamlLocator(fileName, document, lineCounter);
    // Locations, APIs, Systems, Domains and Resources say nothing about people or ownership.
    switch (z.object({ kind: z.string() }).safeParse(root).data?.kind.toLowerCase()) {
      case 'group':
        collect(groupSchema, root, locator, 'Group', into.groups, into.issues);
        break;
      case 'user':
        collect(userSchema, root, locator, 'User', into.users, into.issues);
        break;
      case 'component':
        collect(componentSchema, root, locator, 'Component', into.components, into.issues);
        break;
      default:
        break;
    }
  }
}
