import IORedis from 'ioredis';
import { jobsContract, uniqueQueueName } from '../contract/jobs.contract';
import { BullMqJobs } from './bullmq-jobs';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// One key prefix per test (shared by the backends a test opens), removed afterwards.
let prefix = '';
const prefixes: string[] = [];
beforeEach(() => {
  prefix = uniqueQueueName('tandem-test-jobs');
  prefixes.push(prefix);
});
afterAll(async () => {
  const redis = new IORedis(REDIS_URL);
  try {
    for (const used of prefixes) {
      const keys = await redis.keys(`${used}:*`);
      if (keys.length) await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
});

jobsContract('BullMqJobs', {
  createJobs: ({ metrics, shutdownTimeoutMs }) => new BullMqJobs({ url: REDIS_URL, prefix, metrics, shutdownTimeoutMs }),
});
