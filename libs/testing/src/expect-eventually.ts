/**
 * Retries an assertion until it passes or the time is up, then rethrows its last failure.
 * Tests poll with this instead of sleeping a fixed time: fast when the system is fast,
 * patient when the machine is loaded.
 */
export async function expectEventually(
  assertion: () => void | Promise<void>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
