/**
 * Runs tasks with bounded concurrency while keeping the tasks of one key in order: a task starts
 * after the previous task of its key has finished. This is how the demo feeds the gateway: many
 * entities at once, each entity's deliveries one after the other, as the vendors send them.
 */
export class KeyedSender {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
  }

  /** Waits for a free slot (backpressure for the caller), then queues the task behind its key. */
  async submit(key: string, task: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.concurrency && this.failure === undefined) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const run = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tracked: Promise<void> = run
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        this.inFlight.delete(tracked);
        if (this.tails.get(key) === tracked) this.tails.delete(key);
      });
    this.tails.set(key, tracked);
    this.inFlight.add(tracked);
  }

  /** Waits for every queued task; rethrows the first failure. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
