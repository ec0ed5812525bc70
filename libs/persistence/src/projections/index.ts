export * from './projection-tables';
export { PROJECTION_MIGRATIONS } from './projection.migrations';
