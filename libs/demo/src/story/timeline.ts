import type { DemoDelivery } from '../demo-delivery';

/** A delivery that will be rendered when its time comes (rendering may read and advance world state). */
interface Scheduled {
  at: number;
  sequence: number;
  render: () => DemoDelivery;
}

/**
 * Future deliveries in time order: a binary min-heap on (time, scheduling order). Stories schedule
 * a whole scenario at once (a pull request's open, reviews and merge); the generator drains the
 * heap day by day, so memory holds only what has not happened yet, even for a year of activity.
 */
export class Timeline {
  private readonly heap: Scheduled[] = [];
  private sequence = 0;
  private drainedUntil = Number.NEGATIVE_INFINITY;

  schedule(at: number, render: () => DemoDelivery): void {
    // Vendor timestamps are whole milliseconds (or coarser): a fraction would print as a malformed time.
    if (!Number.isSafeInteger(at)) throw new Error(`scheduled at ${at}, not a whole millisecond`);
    // A story that schedules into the past would break the time order of the output.
    if (at < this.drainedUntil) throw new Error(`scheduled at ${new Date(at).toISOString()}, before the time already delivered`);
    this.heap.push({ at, sequence: this.sequence++, render });
    this.siftUp(this.heap.length - 1);
  }

  /** Renders, in time order, everything scheduled before `end`. */
  *drainBefore(end: number): Generator<DemoDelivery> {
    while (this.heap.length > 0 && this.heap[0].at < end) {
      const next = this.pop();
      this.drainedUntil = next.at;
      yield next.render();
    }
    this.drainedUntil = Math.max(this.drainedUntil, end);
  }

  private pop(): Scheduled {
    const top = this.heap[0];
    const last = this.heap.pop() as Scheduled;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private before(a: Scheduled, b: Scheduled): boolean {
    return a.at < b.at || (a.at === b.at && a.sequence < b.sequence);
  }

  private siftUp(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(this.heap[index], this.heap[parent])) return;
      [this.heap[index], this.heap[parent]] = [this.heap[parent], this.heap[index]];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.heap.length && this.before(this.heap[left], this.heap[smallest])) smallest = left;
      if (right < this.heap.length && this.before(this.heap[right], this.heap[smallest])) smallest = right;
      if (smallest === index) return;
      [this.heap[index], this.heap[smallest]] = [this.heap[smallest], this.heap[index]];
      index = smallest;
    }
  }
}
