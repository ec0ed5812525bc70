export type ReportsErrorCode =
  | 'REPORTS_INVALID_INSTANT'
  | 'REPORTS_INVALID_WINDOW'
  | 'REPORTS_EMPTY_HISTORY'
  | 'REPORTS_UNKNOWN_TEAM'
  | 'REPORTS_UNKNOWN_FORMAT'
  | 'REPORTS_FILE_NOT_FOUND'
  | 'REPORTS_CHROMIUM_MISSING';

/**
 * A caller asked for something a snapshot or report cannot answer. The message is one sentence a
 * user can act on; the CLI prints it as it is (exit code 1).
 */
export class ReportsError extends Error {
  constructor(
    readonly code: ReportsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReportsError';
  }
}
