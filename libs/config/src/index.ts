export { loadConfig, redactConfig, ConfigError } from './config';
export type { TandemConfig, TandemMode } from './config';
