interface Waiting<Item, Result> {
  items: Item[];
  resolve(results: Result[]): void;
  reject(error: unknown): void;
}

/**
 * Group commit for a store whose writes are serialised anyway (the event store appends under one
 * lock): the recorder handles several partitions' batches at once, and instead of each waiting
 * for the transaction before it, what arrives while a write is in flight goes out together in the
 * next one, each caller resolving with the results of its own items, in order.
 *
 * A merged write that fails is written again caller by caller, so a caller is refused only for
 * its own items, exactly as if it had written alone; `write` must therefore be idempotent (the
 * recorder's writes are) and treat its items as if each caller's were written in turn.
 */
export class GroupCommit<Item, Result> {
  private waiting: Waiting<Item, Result>[] = [];
  private flushing?: Promise<void>;

  constructor(private readonly write: (items: Item[]) => Promise<Result[]>) {}

  submit(items: Item[]): Promise<Result[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        await this.writeTogether(group);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeTogether(group: Waiting<Item, Result>[]): Promise<void> {
    let results: Result[];
    try {
      results = await this.write(group.length === 1 ? group[0].items : group.flatMap((waiting) => waiting.items));
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      for (const waiting of group) await this.writeTogether([waiting]);
      return;
    }
    let start = 0;
    for (const waiting of group) {
      waiting.resolve(results.slice(start, (start += waiting.items.length)));
    }
  }
}
