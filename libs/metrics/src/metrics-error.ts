export type MetricsErrorCode = 'METRICS_INVALID_WINDOW' | 'METRICS_UNKNOWN_KPI_VERSION';

/** A caller asked for something the definitions cannot answer; the API maps it to a user error. */
export class MetricsError extends Error {
  constructor(
    readonly code: MetricsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MetricsError';
  }
}
