/** About 30 MB of hashes at most: a rebuild of a million events writes about a third as many entities. */
const DEFAULT_CAPACITY = 1_000_000;

/**
 * The entities a projector has written into a generation it took over empty (checkpoint 0): any
 * other entity has no stored events, so a batch folds it from its own events without reading the
 * database — almost every entity of a rebuild. Every row of such a generation is this projector's
 * (a batch planned on a checkpoint another writer moved writes nothing), so the set is complete.
 * It holds 32-bit hashes of the keys, about 10 MB for a million-event history where the keys would
 * take tens: a collision only costs the read the set was there to save. Past `capacity` entities
 * (a projector that has run for very long) it lets go of them and answers "maybe" for every key,
 * which is what a projector that took over a written generation does anyway.
 */
export class WrittenEntities {
  private hashes: Set<number> | null = new Set<number>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Called when a batch is planned, before it commits: a batch that fails leaves a harmless extra read. */
  add(key: string): void {
    if (this.hashes === null) return;
    this.hashes.add(hashOf(key));
    if (this.hashes.size > this.capacity) this.hashes = null;
  }

  /** False: the entity certainly has no stored events. */
  mayHave(key: string): boolean {
    return this.hashes === null || this.hashes.has(hashOf(key));
  }
}

/** FNV-1a over the UTF-16 code units: cheap, and spread well enough for a filter. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}
