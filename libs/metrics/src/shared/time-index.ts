import type { Millis, MillisWindow } from './millis';

/**
 * Items sorted by one instant each, so a window's items are found by binary search: a snapshot
 * asks one model for 52 weekly windows, and scanning every PR for every window dominated it.
 * Items without an instant are in no window, as `isWithin` says of a null instant.
 */
export class TimeIndex<Item> {
  private readonly items: Item[];
  /** The places (in `items`) of the items with an instant, by instant, ties by place. */
  private readonly places: Uint32Array;
  /** The instant of each entry of `places`, ascending. */
  private readonly instants: Float64Array;

  constructor(items: Iterable<Item>, instantOf: (item: Item) => Millis | null) {
    this.items = Array.from(items);
    const instantAt = new Float64Array(this.items.length);
    const timed: number[] = [];
    this.items.forEach((item, place) => {
      const at = instantOf(item);
      if (at === null) return;
      instantAt[place] = at;
      timed.push(place);
    });
    // Typed arrays: a year's index is tens of thousands of entries, built once per model (a report's model is used once).
    this.places = Uint32Array.from(timed).sort((a, b) => instantAt[a] - instantAt[b] || a - b);
    this.instants = Float64Array.from(this.places, (place) => instantAt[place]);
  }

  /** The items whose instant is in [from, to), in the order they were given (as a filter would list them). */
  within(window: MillisWindow): Item[] {
    // A typed array sorts numerically without a comparator.
    const places = this.places.slice(this.firstAtOrAfter(window.from), this.firstAtOrAfter(window.to)).sort();
    const found = new Array<Item>(places.length);
    for (let index = 0; index < places.length; index += 1) found[index] = this.items[places[index]];
    return found;
  }

  private firstAtOrAfter(at: Millis): number {
    let low = 0;
    let high = this.instants.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.instants[middle] < at) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
