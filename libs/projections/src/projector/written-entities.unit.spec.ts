import { WrittenEntities } from './written-entities';

const keys = (from: number, count: number) => Array.from({ length: count }, (_, index) => `pull_request:github:acme/app:${from + index}`);

describe('the entities a projector has written', () => {
  it('knows for certain which keys it never saw, and may have every key it saw', () => {
    const written = new WrittenEntities();
    for (const key of keys(0, 5_000)) written.add(key);

    expect(keys(0, 5_000).every((key) => written.mayHave(key))).toBe(true);
    // Unseen keys: a collision of the 32-bit hashes is possible but, at this size, rare.
    expect(keys(5_000, 5_000).filter((key) => written.mayHave(key)).length).toBeLessThan(5);
  });

  it('past its capacity, answers "maybe" for every key', () => {
    const written = new WrittenEntities(10);
    for (const key of keys(0, 10)) written.add(key);
    expect(written.mayHave(keys(10, 1)[0])).toBe(false);

    written.add(keys(10, 1)[0]);
    expect(keys(100, 50).every((key) => written.mayHave(key))).toBe(true);
  });
});
