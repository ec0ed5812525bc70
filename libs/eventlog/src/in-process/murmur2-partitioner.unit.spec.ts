import { Partitioners } from 'kafkajs';
import { murmur2, partitionForKey } from './murmur2-partitioner';

describe('murmur2 partitioner', () => {
  it('hashes like the Java Kafka client (vectors from Kafka\'s UtilsTest)', () => {
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482);
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(Buffer.from('abc'))).toBe(479470107);
  });

  it('sends every key to the partition kafkajs\'s default partitioner picks', () => {
    const kafkaPartitioner = Partitioners.DefaultPartitioner();
    for (const partitions of [1, 3, 12]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: 1,
        partitionErrorCode: 0,
        replicas: [1],
        isr: [1],
      }));
      for (let i = 0; i < 200; i++) {
        const key = `github:pull_request:${i}:ü`;
        const expected = kafkaPartitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
        expect(partitionForKey(key, partitions)).toBe(expected);
      }
    }
  });
});
