export { loadConfig, redactConfig, ConfigError } from './config';
export type { ApiSettings, TandemConfig, TandemMode } from './config';
