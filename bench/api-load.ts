import { Agent, request } from 'node:http';

export interface OpenLoadResult {
  /** Answers per second over the run (scheduled start of the first to the end of the last). */
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers that were not HTTP 200 or carried GraphQL errors, with the first as an example. */
  failures: number;
  firstFailure?: string;
}

/**
 * Offers POST `body` to `url` at `rate` per second for `seconds`, open loop: request i is sent at
 * start + i / rate whatever happened to the earlier ones (keep-alive connections, as many as are
 * outstanding), and its latency runs from that scheduled time to the end of its answer, so a
 * stalled server shows as latency instead of slowing the load down (coordinated omission, which
 * closed-loop tools at a fixed rate hide). Same method as bench/gateway.bench.ts's openLoad.
 */
export async function openLoad(url: string, headers: Record<string, string>, body: string, rate: number, seconds: number): Promise<OpenLoadResult> {
  const { hostname, port, pathname } = new URL(url);
  const payload = Buffer.from(body);
  const agent = new Agent({ keepAlive: true, maxSockets: 1_024 });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const failures: string[] = [];
  const startedAt = performance.now() + 20;
  let lastAnswerAt = startedAt;
  const send = (scheduledAt: number) =>
    new Promise<void>((resolve) => {
      const outgoing = request({ agent, hostname, port, method: 'POST', path: pathname, headers: { ...headers, 'content-length': payload.length } }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.once('end', () => {
          lastAnswerAt = performance.now();
          latencies.push(lastAnswerAt - scheduledAt);
          // GraphQL answers 200 with `errors` too: a fast error must not pass for a fast answer.
          if (answer.statusCode !== 200) failures.push(`HTTP ${answer.statusCode}`);
          else if (chunks.some((chunk) => chunk.includes('"errors"'))) failures.push(Buffer.concat(chunks).toString('utf8').slice(0, 300));
          resolve();
        });
      });
      outgoing.once('error', (error) => {
        failures.push(error.message);
        resolve();
      });
      outgoing.end(payload);
    });
  const inFlight: Promise<void>[] = [];
  try {
    let next = 0;
    while (next < total) {
      const now = performance.now();
      for (let scheduledAt = startedAt + (next * 1_000) / rate; next < total && scheduledAt <= now; scheduledAt = startedAt + (next * 1_000) / rate) {
        inFlight.push(send(scheduledAt));
        next += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  return {
    requestsPerSecond: (total - failures.length) / ((lastAnswerAt - startedAt) / 1_000),
    p50: percentile(50),
    p99: percentile(99),
    max: latencies[latencies.length - 1],
    failures: failures.length,
    firstFailure: failures[0],
  };
}
