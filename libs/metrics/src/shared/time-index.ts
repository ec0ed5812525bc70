import type { Millis, MillisWindow } from './millis';

interface Entry<Item> {
  at: Millis;
  /** The item's place in the list it was built from. */
  order: number;
  item: Item;
}

/**
 * Items sorted by one instant each, so a window's items are found by binary search: a snapshot
 * asks one model for 52 weekly windows, and scanning every PR for every window dominated it.
 * Items without an instant are in no window, as `isWithin` says of a null instant.
 */
export class TimeIndex<Item> {
  private readonly entries: Entry<Item>[] = [];

  constructor(items: Iterable<Item>, instantOf: (item: Item) => Millis | null) {
    let order = 0;
    for (const item of items) {
      const at = instantOf(item);
      if (at !== null) this.entries.push({ at, order, item });
      order += 1;
    }
    this.entries.sort((a, b) => a.at - b.at || a.order - b.order);
  }

  /** The items whose instant is in [from, to), in the order they were given (as a filter would list them). */
  within(window: MillisWindow): Item[] {
    const found = this.entries.slice(this.firstAtOrAfter(window.from), this.firstAtOrAfter(window.to));
    return found.sort((a, b) => a.order - b.order).map((entry) => entry.item);
  }

  private firstAtOrAfter(at: Millis): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle].at < at) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
