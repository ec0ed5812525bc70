import { Pool } from 'undici';

/** Upper bound on concurrent connections: a stalled server makes requests pile up, one connection each. */
const MAX_CONNECTIONS = 1_024;
/** Sent at the rate before the measured part of each run (see `openLoad`): callers offer this many seconds more. */
export const OPEN_LOAD_WARM_UP_SECONDS = 1;

export interface OpenLoadResult {
  /** Good answers per second after the warm-up (from its end to the last answer). */
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers the check refused (or requests that failed), warm-up included, with the first as an example. */
  failures: number;
  firstFailure?: string;
}

/** One request of a load: POSTed to `path` of the server. */
export interface OfferedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Why an answer does not count as a success, or undefined when it does. */
export type AnswerCheck = (statusCode: number | undefined, body: Buffer) => string | undefined;

/** GraphQL answers 200 with `errors` too: a fast error must not pass for a fast answer. */
export const graphqlAnswered: AnswerCheck = (status, body) => (status !== 200 ? `HTTP ${status}` : body.includes('"errors"') ? body.toString('utf8').slice(0, 300) : undefined);

/**
 * Offers `requests` to the server at `url` at `rate` per second, open loop: request i is sent at
 * start + i / rate whatever happened to the earlier ones (keep-alive connections, as many as are
 * outstanding), and its latency runs from that scheduled time to the end of its answer, so a
 * stalled server shows as latency instead of slowing the load down (coordinated omission, which
 * closed-loop tools at a fixed rate hide). Sending happens in the few due at each timer tick,
 * which the scheduled-time clock also charges to the server.
 *
 * The first `warmUpSeconds` of the schedule are sent the same way but not counted: the client
 * starts with no connection, and at the start of a run every request due opens one (hundreds at
 * once, measured: the first 500 ms of a 3,000/s gateway run held every answer above 47 ms, the rest
 * none), a transient of the load generator, not the server's steady state.
 *
 * The client is undici with every body encoded before the clock starts: the load generator shares
 * the machine's cores with the server it measures, and node:http's client cost about twice as much
 * CPU per request (measured: 83 against 47 µs for a 4 KB POST), CPU the server then lacked.
 */
export async function openLoad(
  url: string,
  requests: readonly OfferedRequest[],
  rate: number,
  check: AnswerCheck,
  { warmUpSeconds = OPEN_LOAD_WARM_UP_SECONDS }: { warmUpSeconds?: number } = {},
): Promise<OpenLoadResult> {
  const pool = new Pool(new URL(url).origin, { connections: MAX_CONNECTIONS });
  const prepared = requests.map(({ path, headers, body }) => ({ path, headers, body: Buffer.from(body) }));
  const latencies: number[] = [];
  const failures: string[] = [];
  const startedAt = performance.now() + 20;
  const measuredFrom = startedAt + warmUpSeconds * 1_000;
  let lastAnswerAt = startedAt;
  let answeredMeasured = 0;
  const send = async ({ path, headers, body }: (typeof prepared)[number], scheduledAt: number): Promise<void> => {
    try {
      const answer = await pool.request({ method: 'POST', path, headers, body });
      const payload = Buffer.from(await answer.body.arrayBuffer());
      lastAnswerAt = performance.now();
      const failure = check(answer.statusCode, payload);
      if (failure !== undefined) failures.push(failure);
      if (scheduledAt < measuredFrom) return;
      latencies.push(lastAnswerAt - scheduledAt);
      if (failure === undefined) answeredMeasured += 1;
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  };
  const inFlight: Promise<void>[] = [];
  try {
    let next = 0;
    while (next < prepared.length) {
      const now = performance.now();
      for (let scheduledAt = startedAt + (next * 1_000) / rate; next < prepared.length && scheduledAt <= now; scheduledAt = startedAt + (next * 1_000) / rate) {
        inFlight.push(send(prepared[next], scheduledAt));
        next += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(inFlight);
  } finally {
    await pool.destroy();
  }
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  return {
    requestsPerSecond: answeredMeasured / ((lastAnswerAt - measuredFrom) / 1_000),
    p50: percentile(50),
    p99: percentile(99),
    max: latencies[latencies.length - 1],
    failures: failures.length,
    firstFailure: failures[0],
  };
}
