/** Tells live subscriptions that something was appended, so they read now instead of at the next poll. */
export interface AppendSignal {
  /** Registers a listener; returns the function that removes it. */
  onAppend(listener: () => void): () => void;
}

/** The in-process signal: the adapter calls `notify()` after each committed append. */
export class LocalAppendSignal implements AppendSignal {
  private readonly listeners = new Set<() => void>();

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
