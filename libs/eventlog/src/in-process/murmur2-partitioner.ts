/**
 * Kafka's key partitioning (Java client's murmur2, also kafkajs's default partitioner): the
 * embedded log sends a key to the same partition number as Kafka would, so the two modes agree.
 */
export function partitionForKey(key: string, partitions: number): number {
  return (murmur2(Buffer.from(key, 'utf8')) & 0x7fffffff) % partitions;
}

/** 32-bit murmur2 with Kafka's seed; `Math.imul` and `>>>` reproduce Java's int arithmetic. */
export function murmur2(data: Uint8Array): number {
  const seed = 0x9747b28c;
  const m = 0x5bd1e995;
  const r = 24;
  const length = data.length;
  let h = seed ^ length;
  const wholeWords = length & ~3;
  for (let i = 0; i < wholeWords; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const remaining = length & 3;
  if (remaining === 3) h ^= data[wholeWords + 2] << 16;
  if (remaining >= 2) h ^= data[wholeWords + 1] << 8;
  if (remaining >= 1) h = Math.imul(h ^ data[wholeWords], m);
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}
