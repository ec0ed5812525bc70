/** A dependency the app needs to do its work (a database, the event log, Redis). */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answers; rejects with the reason it does not. */
  check(): Promise<void>;
}

export interface ReadinessReport {
  status: 'ready' | 'unready';
  checks: { name: string; status: 'up' | 'down'; error?: string; latencyMs: number }[];
}

/** Runs every check concurrently, each bounded by a timeout so a hung dependency reads as down. */
export async function checkReadiness(checks: ReadinessCheck[], timeoutMs = 2000): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const started = performance.now();
      try {
        await withTimeout(check(), timeoutMs, `${name} did not answer within ${timeoutMs} ms`);
        return { name, status: 'up' as const, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { name, status: 'down' as const, error: message, latencyMs: Math.round(performance.now() - started) };
      }
    }),
  );
  return { status: results.every((result) => result.status === 'up') ? 'ready' : 'unready', checks: results };
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
