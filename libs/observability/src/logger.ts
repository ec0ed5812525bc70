import pino, { Logger, LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths that may carry credentials. pino replaces them before the line is written, so a
 * mistaken `log.info({ headers })` cannot leak a signature or a token.
 */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-hub-signature-256"]',
  'headers["x-hub-signature"]',
  'headers["x-slack-signature"]',
  'headers["x-gitlab-token"]',
  'headers["x-pagerduty-signature"]',
  'headers["webhook-signature"]',
  'headers["x-tandem-token"]',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'token',
  '*.token',
];

export interface LoggerSettings {
  /** The app name: gateway, recorder, projector, api, reporter, embedded, cli. */
  service: string;
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to read the lines back. */
  destination?: pino.DestinationStream;
}

/** JSON logs with the service name and version on every line, and secrets redacted. */
export function createLogger({ service, level = 'info', destination }: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level,
    base: { service, version: process.env.npm_package_version ?? '0.1.0' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
