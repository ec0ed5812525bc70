import type { WebhookSecrets } from '@tandem/webhooks';

/**
 * Injection tokens of the gateway's own settings. The event log, the configuration, the logger and
 * the metrics registry come from the runtime's global tokens (`EVENT_LOG`, `CONFIG`, `LOGGER`,
 * `METRICS_REGISTRY`).
 */

/** `WebhookSecrets`: per source, the accepted secrets (several during a rotation). */
export const WEBHOOK_SECRETS = Symbol('TANDEM_WEBHOOK_SECRETS');
/** `GatewaySettings`. */
export const GATEWAY_SETTINGS = Symbol('TANDEM_GATEWAY_SETTINGS');
/** `Clock`: the time of the replay windows and of `receivedAt`; replaced in tests. */
export const GATEWAY_CLOCK = Symbol('TANDEM_GATEWAY_CLOCK');

export interface GatewaySettings {
  /** Largest accepted body in bytes; a larger one is answered 413. */
  readonly bodyLimitBytes: number;
  /** How many recent delivery ids are remembered to skip re-publishing duplicates. */
  readonly recentDeliveryCapacity: number;
}

export type Clock = () => Date;

export type { WebhookSecrets };
