/**
 * The demo's only source of randomness: mulberry32, a tiny well-known 32-bit PRNG, seeded, so
 * that a seed always gives the same organisation and the same deliveries, byte for byte.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * An independent generator for one part of the story, derived from this seed and a label: adding
   * draws to one part (say, more chat) leaves every other part's draws unchanged.
   */
  static forPart(seed: number, label: string): SeededRandom {
    // FNV-1a over the label, mixed with the seed.
    let hash = 0x811c9dc5 ^ (seed >>> 0);
    for (let index = 0; index < label.length; index++) {
      hash ^= label.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193);
    }
    return new SeededRandom(hash >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min));
  }

  /** A number in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let target = this.next() * total;
    for (const [value, weight] of entries) {
      target -= weight;
      if (target < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** `count` distinct items in random order (fewer if the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return chosen;
  }

  /**
   * Log-normal around a median, rounded to a whole number: most values near it, a long tail above
   * (review delays, repair times, in milliseconds: instants stay whole milliseconds).
   */
  logNormal(median: number, spread = 0.8): number {
    // Box–Muller; 1 - next() keeps the logarithm finite.
    const normal = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
    return Math.round(median * Math.exp(spread * normal));
  }

  /** How many events of a Poisson process with this mean happen (Knuth; the means here are small). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let count = 0;
    for (let product = this.next(); product > limit; product *= this.next()) count++;
    return count;
  }

  /** `length` characters from `alphabet`. */
  chars(length: number, alphabet: string): string {
    let text = '';
    for (let index = 0; index < length; index++) text += alphabet[Math.floor(this.next() * alphabet.length)];
    return text;
  }

  hex(length: number): string {
    return this.chars(length, '0123456789abcdef');
  }

  /** A version-4-shaped UUID (random bits from this generator, so still deterministic). */
  uuid(): string {
    const hex = this.hex(32);
    const variant = '89ab'[this.int(0, 4)];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
