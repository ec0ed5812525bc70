/**
 * Live updates for GraphQL subscriptions: in memory in the embedded mode, Redis pub/sub in the
 * distributed mode (so that an event published by one process reaches subscribers on every API
 * replica). Payloads travel as JSON, in both adapters: publish plain data (a Date arrives as its
 * ISO string, which the DateTime scalar accepts).
 */
export interface PubSub {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Resolves once the subscription is in place: nothing published after that is missed. */
  subscribe<T>(topic: string): Promise<AsyncIterableIterator<T>>;
  close(): Promise<void>;
}

/** Injection token of the `PubSub`. */
export const PUB_SUB = Symbol('TANDEM_PUB_SUB');
