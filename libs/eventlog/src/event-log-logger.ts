/** The part of a pino logger the event log writes to; a `pino.Logger` fits as it is. */
export interface EventLogLogger {
  error(context: object, message: string): void;
  warn(context: object, message: string): void;
  info(context: object, message: string): void;
  debug(context: object, message: string): void;
}

const ignore = (): void => undefined;

/** Default logger: tests and embedded tools that do not want the log's chatter. */
export const silentLogger: EventLogLogger = { error: ignore, warn: ignore, info: ignore, debug: ignore };
