import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { OrganizationModel } from '../model/organization-model';
import { crossReferenceIssues } from './cross-references';
import { OrganizationFileError, type OrganizationFileIssue } from './organization-file-error';
import { organizationFileSchema } from './organization-file-schema';
import { schemaIssues } from './schema-issues';
import { toOrganizationModel } from './to-organization-model';
import { plainValueOf, syntaxIssues, YamlLocator } from './yaml-locator';

function byPosition(a: OrganizationFileIssue, b: OrganizationFileIssue): number {
  return a.line - b.line || a.col - b.col || a.path.localeCompare(b.path);
}

/**
 * Parses and validates `tandem.yaml` text. Pure: the file name only labels the errors.
 * Throws an OrganizationFileError listing every problem, each as `file:line:col key: message`.
 *
 * Two passes, the second only for a file the first did not accept: a valid file is read by
 * js-yaml straight into plain values (about ten times faster than building the `yaml` library's
 * document, which a 5,000-person file notices); a file js-yaml rejects, or that fails validation,
 * is read again into a `yaml` document, whose node positions give every issue its line and column.
 * Both read YAML 1.2 with the core schema, so the second pass sees the same values.
 */
export function parseOrganization(text: string, fileName = 'tandem.yaml'): OrganizationModel {
  return parseValidFile(text) ?? parseLocatingIssues(text, fileName);
}

/** js-yaml's pass: the model of a valid file, or undefined for anything else (aliases included: the second pass bounds them). */
export function parseValidFile(text: string): OrganizationModel | undefined {
  let root: unknown;
  try {
    // Copied like plainValueOf does: js-yaml's strings are slices of the source text too.
    root = structuredClone(load(text, { schema: CORE_SCHEMA, maxAliases: 0 }));
  } catch {
    return undefined;
  }
  const parsed = organizationFileSchema.safeParse(root);
  if (!parsed.success || crossReferenceIssues(root).length > 0) return undefined;
  return toOrganizationModel(parsed.data);
}

/** The `yaml` library's pass: slower, and it knows where every node is. Exported for the tests that compare the passes. */
export function parseLocatingIssues(text: string, fileName: string): OrganizationModel {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = syntaxIssues(fileName, document, lineCounter);
  // After a syntax error the tree is a guess: checking its keys would only add noise.
  if (syntax.length > 0) throw new OrganizationFileError(fileName, syntax);

  const root = plainValueOf(document);
  const parsed = organizationFileSchema.safeParse(root);
  const locator = new YamlLocator(fileName, document, lineCounter);
  const issues = [...(parsed.success ? [] : schemaIssues(parsed.error.issues, root)), ...crossReferenceIssues(root)]
    .map((issue) => locator.issue(issue.path, issue.message))
    .sort(byPosition);
  if (!parsed.success || issues.length > 0) throw new OrganizationFileError(fileName, issues);
  return toOrganizationModel(parsed.data);
}
