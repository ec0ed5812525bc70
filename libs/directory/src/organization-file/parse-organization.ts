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
 */
export function parseOrganization(text: string, fileName = 'tandem.yaml'): OrganizationModel {
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
