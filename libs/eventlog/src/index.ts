export * from './event-log.port';
export * from './event-log-unavailable.error';
export * from './event-log-logger';
export * from './topics';
export { DEAD_LETTER_HEADERS, deadLetterOf } from './dead-letter';
export { KafkaEventLog, type KafkaEventLogOptions } from './kafka/kafka-event-log';
export { PrefixedEventLog } from './prefixed-event-log';
export { InProcessEventLog, type InProcessEventLogOptions } from './in-process/in-process-event-log';
