import { logLevel, type logCreator } from 'kafkajs';
import type { EventLogLogger } from '../event-log-logger';

/**
 * Sends kafkajs's own log lines to our logger instead of its JSON on stdout. kafkajs reports
 * every retriable broker answer (rebalancing, coordinator loading...) as ERROR although it
 * recovers by itself, so its errors and warnings become our warnings and its info our debug;
 * failures that matter surface as rejected promises or consumer failures, logged by our code.
 */
export function kafkajsLogBridge(logger: EventLogLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...context } = log;
      const entry = { kafkajs: namespace, ...context };
      if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(entry, message);
      else logger.debug(entry, message);
    };
}

/** kafkajs only builds the lines at or above this level: its DEBUG is per request. */
export const KAFKAJS_LOG_LEVEL = logLevel.INFO;
