/** One problem in an organisation file, located at the YAML node it concerns. */
export interface OrganizationFileIssue {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** The key, as in `people[2].memberships[0].team`; empty for the whole document. */
  path: string;
  message: string;
}

export function formatIssue(issue: OrganizationFileIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.col}`;
  return issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where} ${issue.message}`;
}

/** Thrown with every issue of the file at once, so a user fixes them in one pass. */
export class OrganizationFileError extends Error {
  readonly code = 'DIRECTORY_INVALID_ORGANIZATION_FILE';

  constructor(
    readonly file: string,
    readonly issues: readonly OrganizationFileIssue[],
    options?: { cause?: unknown },
  ) {
    super(`${file} has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${issues.map(formatIssue).join('\n')}`, options);
    this.name = 'OrganizationFileError';
  }
}
