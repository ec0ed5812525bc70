/** Nest injection tokens for the ports; the adapters behind them depend on the run mode. */
export const CONFIG = Symbol('TANDEM_CONFIG');
export const LOGGER = Symbol('TANDEM_LOGGER');
export const EVENT_LOG = Symbol('TANDEM_EVENT_LOG');
export const EVENT_STORE = Symbol('TANDEM_EVENT_STORE');
export const DELIVERY_ARCHIVE = Symbol('TANDEM_DELIVERY_ARCHIVE');
/** Background jobs (`Jobs` from @tandem/jobs): BullMQ in the distributed mode, the in-process scheduler in the embedded one. */
export const JOBS = Symbol('TANDEM_JOBS');
