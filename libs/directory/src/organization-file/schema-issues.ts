import type { z } from 'zod';
import type { YamlPath } from './yaml-locator';

/** An issue found in the parsed data, before it is given a line and column. */
export interface PathIssue {
  path: YamlPath;
  message: string;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function valueAt(root: unknown, path: YamlPath): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(issue: z.core.$ZodIssue, root: unknown): PathIssue[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...issue.path, key], message: 'unknown key' }));
    case 'invalid_type': {
      if (valueAt(root, issue.path) === undefined) return [{ path: issue.path, message: 'is required' }];
      return [{ path: issue.path, message: `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}` }];
    }
    case 'invalid_value':
      return [{ path: issue.path, message: `must be one of ${issue.values.map(String).join(', ')}` }];
    default:
      // Every other check in the schema carries its own message.
      return [{ path: issue.path, message: issue.message }];
  }
}

/** Zod's issues in the file's words: one per unknown key, "is required" for a missing one. */
export function schemaIssues(issues: readonly z.core.$ZodIssue[], root: unknown): PathIssue[] {
  return issues.flatMap((issue) => describe(issue, root));
}
