export { createLogger, REDACTED_PATHS } from './logger';
export type { Logger, LoggerSettings } from './logger';
export { createMetricsRegistry, Registry } from './metrics';
export { checkReadiness } from './health';
export type { ReadinessCheck, ReadinessReport } from './health';
export { ObservabilityModule, METRICS_REGISTRY, READINESS_CHECKS } from './observability.module';
