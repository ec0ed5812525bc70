import DataLoader from 'dataloader';

/** The DataLoaders of one request, by the loader they belong to. */
export type RequestLoaders = Map<RequestLoader<unknown, unknown>, DataLoader<unknown, unknown>>;

/**
 * A batch loader with a fresh DataLoader per request (so nothing is cached across viewers), made
 * on first use. Subclass it as a provider and implement `batch`: the values (or Errors) in the
 * order of the keys. Every field that fetches per parent goes through one, against N+1.
 */
export abstract class RequestLoader<Key, Value> {
  protected abstract batch(keys: readonly Key[]): Promise<readonly (Value | Error)[]>;

  load(loaders: RequestLoaders, key: Key): Promise<Value> {
    return this.loaderIn(loaders).load(key);
  }

  async loadMany(loaders: RequestLoaders, keys: readonly Key[]): Promise<Value[]> {
    const values = await this.loaderIn(loaders).loadMany(keys);
    const failure = values.find((value): value is Error => value instanceof Error);
    if (failure) throw failure;
    return values as Value[];
  }

  private loaderIn(loaders: RequestLoaders): DataLoader<Key, Value> {
    const self = this as unknown as RequestLoader<unknown, unknown>;
    let loader = loaders.get(self) as DataLoader<Key, Value> | undefined;
    if (!loader) {
      loader = new DataLoader<Key, Value>((keys) => this.batch(keys));
      loaders.set(self, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
