/**
 * Injection tokens of the API's own ports. (`PUB_SUB` is the runtime's, from @tandem/live-updates; the
 * configuration, logger, metrics registry, event store and read-model database come from the
 * runtime's and persistence's global tokens.)
 */

/** `RateLimiter`: in memory in the embedded mode, Redis in the distributed mode. */
export const RATE_LIMITER = Symbol('TANDEM_API_RATE_LIMITER');
/** `ApiRedis | undefined`: the API's Redis connection, in the distributed mode only. */
export const API_REDIS = Symbol('TANDEM_API_REDIS');
