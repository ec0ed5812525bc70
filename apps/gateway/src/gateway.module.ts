import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { WEBHOOK_TOPICS, type EventLog } from '@tandem/eventlog';
import type { TandemConfig } from '@tandem/config';
import { CONFIG, EVENT_LOG } from '@tandem/runtime';
import type { WebhookSecrets } from '@tandem/webhooks';
import { RecentDeliveries } from './recent-deliveries';
import { GATEWAY_CLOCK, GATEWAY_SETTINGS, WEBHOOK_SECRETS, type Clock, type GatewaySettings } from './tokens';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookReceiver } from './webhook-receiver';
import { WebhookRoute } from './webhook-route';

/** About 7 minutes of a large organisation's peak (~250 deliveries/s): past Slack's 5-minute retry. */
const RECENT_DELIVERY_CAPACITY = 100_000;

const systemClock: Clock = () => new Date();

/**
 * The webhook gateway: `POST /webhooks/:source` verifies, dedupes and publishes deliveries to the
 * event log. The standalone gateway (`apps/gateway/main.ts`) and the one-process mode import it
 * as is; it takes the event log, the configuration, the logger and the metrics registry from the
 * runtime's global providers. Needs the Fastify adapter.
 */
@Module({
  providers: [
    {
      provide: WEBHOOK_SECRETS,
      inject: [CONFIG],
      useFactory: (config: TandemConfig): WebhookSecrets => config.webhookSecrets,
    },
    {
      provide: GATEWAY_SETTINGS,
      inject: [CONFIG],
      useFactory: (config: TandemConfig): GatewaySettings => ({
        bodyLimitBytes: config.http.webhookBodyLimitBytes,
        recentDeliveryCapacity: RECENT_DELIVERY_CAPACITY,
      }),
    },
    { provide: GATEWAY_CLOCK, useValue: systemClock },
    RecentDeliveries,
    WebhookMetrics,
    WebhookReceiver,
    WebhookRoute,
  ],
})
export class GatewayModule implements OnApplicationBootstrap {
  constructor(@Inject(EVENT_LOG) private readonly eventLog: EventLog) {}

  /** The gateway may start before any recorder: it makes sure the topics it publishes to exist. */
  async onApplicationBootstrap(): Promise<void> {
    await this.eventLog.ensureTopics([...WEBHOOK_TOPICS]);
  }
}
