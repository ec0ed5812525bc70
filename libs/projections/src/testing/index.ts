// Test-only (through `@tandem/projections-testing`): the backends and event-store helpers the
// integration tests of the store's readers share.
export { appendAll, readEverything, storeBackends, type Planned, type StoreBackend } from './store-backends';
