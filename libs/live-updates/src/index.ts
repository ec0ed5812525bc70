// Live updates for GraphQL subscriptions: the PubSub port, in memory (embedded mode) or over Redis
// (distributed mode). The runtime provides one per process (PUB_SUB); the projector publishes on
// it and every API replica's subscriptions read from it.
export { PUB_SUB, type PubSub } from './pub-sub';
export { InMemoryPubSub } from './in-memory-pub-sub';
export { RedisPubSub } from './redis-pub-sub';
export { connectPubSub, type OwnedPubSub } from './connect-pub-sub';
export { RECOGNITION_AWARDED_TOPIC, TOKEN_REVOKED_TOPIC, type RecognitionPublished, type TokenRevoked } from './topics';
