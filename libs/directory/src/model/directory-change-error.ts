export type DirectoryChangeErrorCode = 'DIRECTORY_UNKNOWN_PERSON' | 'DIRECTORY_UNKNOWN_TEAM' | 'DIRECTORY_INVALID_PERIOD' | 'DIRECTORY_OVERLAPPING_PERIOD';

/** A change an admin asked for that the directory cannot make: the caller's input, said in one sentence. */
export class DirectoryChangeError extends Error {
  constructor(
    readonly code: DirectoryChangeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DirectoryChangeError';
  }
}
