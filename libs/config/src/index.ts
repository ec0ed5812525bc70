export { loadConfig, redactConfig, ConfigError } from './config';
export type { ApiSettings, NotifySettings, TandemConfig, TandemMode } from './config';
