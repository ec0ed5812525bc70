import type { ConsumedMessage, EventLog, LogMessage, MessageSubscribeOptions } from './event-log.port';

/** Headers added to a dead letter, next to the original message's own headers. */
export const DEAD_LETTER_HEADERS = {
  error: 'tandem-dlq-error',
  sourceTopic: 'tandem-dlq-source-topic',
  partition: 'tandem-dlq-partition',
  offset: 'tandem-dlq-offset',
} as const;

/** The original key, value and headers, plus where the message came from and why it failed. */
export function deadLetterOf(message: ConsumedMessage, error: Error): LogMessage {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.error]: error.message,
      [DEAD_LETTER_HEADERS.sourceTopic]: message.topic,
      [DEAD_LETTER_HEADERS.partition]: String(message.partition),
      [DEAD_LETTER_HEADERS.offset]: message.offset,
    },
  };
}

export type HandleOutcome = { commit: true } | { commit: false; error: Error };

/**
 * Runs the handler; a failure parks the message in the dead-letter topic so the partition keeps
 * flowing. `commit: false` means the consumer must stop without committing this message: there
 * is no dead-letter topic, or writing to it failed too.
 */
export async function handleOrDeadLetter(
  message: ConsumedMessage,
  options: Pick<MessageSubscribeOptions, 'handler' | 'deadLetterTopic'>,
  publish: EventLog['publish'],
): Promise<HandleOutcome> {
  try {
    await options.handler(message);
    return { commit: true };
  } catch (thrown) {
    const error = asError(thrown);
    if (options.deadLetterTopic === undefined) return { commit: false, error };
    try {
      await publish(options.deadLetterTopic, [deadLetterOf(message, error)]);
      return { commit: true };
    } catch (deadLetterFailure) {
      return {
        commit: false,
        error: new Error(`Handler failed (${error.message}) and the dead letter could not be written`, {
          cause: deadLetterFailure,
        }),
      };
    }
  }
}

export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
