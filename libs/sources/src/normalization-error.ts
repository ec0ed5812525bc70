/** Why a delivery could not become canonical events. Each code is a label on the DLQ metric. */
export type NormalizationFailure =
  /** Not the JSON shape the vendor documents: a required field is missing or has the wrong type. */
  | 'MALFORMED'
  /** An event type this normalizer neither handles nor knowingly ignores. */
  | 'UNKNOWN_EVENT_TYPE'
  /** The derived event does not validate against the canonical schema (a normalizer or vendor change). */
  | 'SCHEMA_DRIFT';

export class NormalizationError extends Error {
  constructor(
    readonly code: NormalizationFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NormalizationError';
  }
}
