/** Raw webhook deliveries, keyed so that one source object's events stay in order. */
export const WEBHOOKS_TOPIC = 'tandem.webhooks.v1';
/** Webhook deliveries whose handling failed, parked with the error for inspection and replay. */
export const WEBHOOKS_DLQ_TOPIC = 'tandem.webhooks.dlq.v1';
