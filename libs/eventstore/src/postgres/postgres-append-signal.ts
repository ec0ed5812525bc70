import type { Pool, PoolClient } from 'pg';
import { LocalAppendSignal, type AppendSignal } from '../append-signal';

/**
 * LISTEN on the store's channel over one dedicated pool connection, shared by every
 * subscription of the store. If the connection breaks, subscriptions keep polling and the
 * listener reconnects after `retryMs`; each (re)connect wakes subscribers once, because
 * appends committed before LISTEN took effect sent notifications nobody heard.
 */
export class PostgresAppendSignal implements AppendSignal {
  private readonly local = new LocalAppendSignal();
  private client?: PoolClient;
  private connecting?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly retryMs: number,
  ) {}

  onAppend(listener: () => void): () => void {
    const remove = this.local.onAppend(listener);
    this.ensureListening();
    return remove;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.connecting;
    // Destroy rather than return it: a pooled connection must not keep a LISTEN.
    this.client?.release(true);
    this.client = undefined;
  }

  private ensureListening(): void {
    if (this.client || this.connecting || this.closed) return;
    this.connecting = this.listen()
      .catch(() => this.scheduleRetry())
      .finally(() => {
        this.connecting = undefined;
      });
  }

  private async listen(): Promise<void> {
    const client = await this.pool.connect();
    client.on('notification', () => this.local.notify());
    client.on('error', (error) => this.onConnectionError(client, error));
    try {
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      client.release(true);
      throw error;
    }
    if (this.closed) {
      client.release(true);
      return;
    }
    this.client = client;
    this.local.notify();
  }

  private onConnectionError(client: PoolClient, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.release(error);
    this.local.notify();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed || this.local.listenerCount === 0) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.ensureListening(), this.retryMs);
  }
}
