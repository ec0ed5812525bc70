export { CONFIG, LOGGER, EVENT_LOG, EVENT_STORE, DELIVERY_ARCHIVE, JOBS } from './tokens';
export { createInfrastructure } from './infrastructure';
export type { Infrastructure } from './infrastructure';
export { InfrastructureModule } from './infrastructure.module';
export { runAppMain, startApp } from './bootstrap';
export type { AppDefinition, RunningApp } from './bootstrap';
