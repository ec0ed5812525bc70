import type { DeliveryToArchive } from './delivery-archive.port';

/**
 * One row per (source, deliveryId), as `record` would leave it had the rows come one by one: the
 * last reading's outcome and content, the first reading's receivedAt and correlationId. An upsert
 * statement may touch each row once only, and a batch can hold a redelivery.
 */
export function latestPerDelivery(deliveries: readonly DeliveryToArchive[]): DeliveryToArchive[] {
  const latest = new Map<string, DeliveryToArchive>();
  for (const delivery of deliveries) {
    const key = JSON.stringify([delivery.source, delivery.deliveryId]);
    const first = latest.get(key);
    latest.set(key, first === undefined ? delivery : { ...delivery, receivedAt: first.receivedAt, correlationId: first.correlationId });
  }
  return [...latest.values()];
}
