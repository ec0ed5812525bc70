import { Inject, Injectable } from '@nestjs/common';
import type { WebhookSource } from '@tandem/webhooks';
import { LRUCache } from 'lru-cache';
import { GATEWAY_SETTINGS, type GatewaySettings } from './tokens';

/**
 * The delivery ids this gateway instance published lately, to answer a vendor's retry without
 * publishing it again. An optimisation only: it is per instance, bounded and lost on restart;
 * exactly-once effects come from the recorder's deterministic event ids.
 */
@Injectable()
export class RecentDeliveries {
  private readonly published: LRUCache<string, true>;

  constructor(@Inject(GATEWAY_SETTINGS) settings: GatewaySettings) {
    this.published = new LRUCache({ max: settings.recentDeliveryCapacity });
  }

  has(source: WebhookSource, deliveryId: string): boolean {
    return this.published.has(`${source}:${deliveryId}`);
  }

  remember(source: WebhookSource, deliveryId: string): void {
    this.published.set(`${source}:${deliveryId}`, true);
  }
}
