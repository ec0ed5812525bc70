export type ContractErrorCode =
  | 'CONTRACTS_INVALID_EVENT_DATA'
  | 'CONTRACTS_INVALID_METADATA'
  | 'CONTRACTS_UNSUPPORTED_SCHEMA_VERSION'
  | 'CONTRACTS_INVALID_ID_PART';

/**
 * A value broke the event contract. Producers let it propagate; the recorder maps it to a DLQ
 * record with `message` as the reason.
 */
export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ContractError';
  }
}
