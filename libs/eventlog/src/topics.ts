/** Raw webhook deliveries, keyed so that one source object's events stay in order. */
export const WEBHOOKS_TOPIC = 'tandem.webhooks.v1';
/** Webhook deliveries whose handling failed, parked with the error for inspection and replay. */
export const WEBHOOKS_DLQ_TOPIC = 'tandem.webhooks.dlq.v1';

/**
 * The topics every process that touches webhooks makes sure of at start-up (the gateway to
 * publish, the recorder to consume), so either can start first. Partitions bound how many
 * recorders share the work.
 */
export const WEBHOOK_TOPICS = [
  { name: WEBHOOKS_TOPIC, partitions: 6 },
  { name: WEBHOOKS_DLQ_TOPIC, partitions: 1 },
] as const;
