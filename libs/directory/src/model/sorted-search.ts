/**
 * Index of the last element ≤ value in an ascending array, or -1 when every element is greater
 * (or the value is NaN). O(log n), no allocation: the as-of queries run it per event.
 */
export function lastIndexAtOrBefore(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
