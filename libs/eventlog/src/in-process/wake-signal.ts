/**
 * Lets an idle consumer sleep until something is appended (or it is stopped) instead of polling.
 * A notify() that comes before wait() is remembered, so an append between "read found nothing"
 * and "go to sleep" is not missed.
 */
export class WakeSignal {
  private pending = false;
  private wakeUp?: () => void;

  notify(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  async wait(): Promise<void> {
    if (!this.pending) await new Promise<void>((resolve) => (this.wakeUp = resolve));
    this.pending = false;
    this.wakeUp = undefined;
  }
}
