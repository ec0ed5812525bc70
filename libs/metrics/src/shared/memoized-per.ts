/**
 * A value derived from an immutable object once, then reused for as long as the object lives
 * (an index of a metric model, shared by every window asked of that model).
 */
export function memoizedPer<Key extends object, Value>(derive: (key: Key) => Value): (key: Key) => Value {
  const cache = new WeakMap<Key, Value>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = derive(key)));
    return value;
  };
}
