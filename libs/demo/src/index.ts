// The demo: a seeded organisation (tandem.yaml) and its activity as signed-at-send-time vendor
// webhooks, and the feeder that sends them to a running Tandem.
export { generateDemo, type Demo, type DemoOptions } from './generate-demo';
export type { DemoDelivery } from './demo-delivery';
export { DEMO_SCALES, type DemoScale } from './demo-scale';
export { feedDeliveries, DeliveryRefusedError, type FeedOptions, type FeedResult } from './feed/feed-deliveries';
