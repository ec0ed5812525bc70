import { isWithin } from './millis';
import { memoizedPer } from './memoized-per';
import { TimeIndex } from './time-index';

describe('TimeIndex', () => {
  // Ties, an item without an instant, and instants on both edges of the windows below.
  const items = [
    { name: 'a', at: 30 },
    { name: 'b', at: 10 },
    { name: 'c', at: null },
    { name: 'd', at: 20 },
    { name: 'e', at: 10 },
    { name: 'f', at: 40 },
    { name: 'g', at: 20 },
  ];
  const index = new TimeIndex(items, (item) => item.at);

  it.each([
    [10, 20],
    [10, 21],
    [0, 100],
    [20, 40],
    [41, 50],
    [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  ])('finds in [%d, %d) what a filter finds, in the given order', (from, to) => {
    const window = { from, to };
    expect(index.within(window)).toEqual(items.filter((item) => isWithin(window, item.at)));
  });

  it('lists the items of [10, 21) by their place, not their instant', () => {
    expect(index.within({ from: 10, to: 21 }).map((item) => item.name)).toEqual(['b', 'd', 'e', 'g']);
  });
});

describe('memoizedPer', () => {
  it('derives once per object', () => {
    const derive = jest.fn((key: { n: number }) => ({ double: key.n * 2 }));
    const memoized = memoizedPer(derive);
    const first = { n: 1 };
    expect(memoized(first)).toBe(memoized(first));
    expect(memoized({ n: 1 })).not.toBe(memoized(first));
    expect(derive).toHaveBeenCalledTimes(2);
  });
});
