/**
 * Test-only: Tandem processes started for real (`node …/main.js`), configured by their
 * environment alone, with their output kept for the assertions and for the failure message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Only what a shell would pass on: no test runner variables, no DATABASE_URL from CI. */
export function cleanEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env };
}

export class TandemProcess {
  /** stdout and stderr lines, interleaved as they came. */
  readonly output: string[] = [];
  readonly stdout: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    script: string,
    args: string[],
    env: Record<string, string>,
    cwd?: string,
  ) {
    this.child = spawn(process.execPath, [script, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let partial = '';
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        this.output.push(...lines);
        if (stream === this.child.stdout) this.stdout.push(...lines);
        for (const listener of this.listeners) listener();
      });
    }
    this.exited = new Promise((resolve) => this.child.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal })));
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** The first output line matching `pattern`; rejects if the process exits or `timeoutMs` passes first. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (const line of this.output) {
          const match = pattern.exec(line);
          if (match) {
            done();
            resolve(match);
            return true;
          }
        }
        return false;
      };
      const timer = setTimeout(() => fail(`no line matching ${pattern} within ${timeoutMs / 1000} s`), timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const fail = (why: string): void => {
        done();
        reject(new Error(`${this.name}: ${why}. Its output:\n${this.tail()}`));
      };
      const listener = (): void => void check();
      if (check()) return;
      this.listeners.add(listener);
      void this.exited.then(({ code, signal }) => {
        if (!check()) fail(`exited (code ${code}, signal ${signal})`);
      });
    });
  }

  /** The URL of the `… ready at http://…` line every Tandem process logs once it listens. */
  async readyUrl(timeoutMs = 120_000): Promise<string> {
    return (await this.waitForLine(/ready at (http:\/\/[^\s"]+)/, timeoutMs))[1];
  }

  /** Sends `signal` and waits for the exit; the exit code (null after a kill by signal). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 60_000): Promise<number | null> {
    if (!this.hasExited) this.child.kill(signal);
    return this.finished(timeoutMs);
  }

  /** Waits for the process to end by itself; its exit code. */
  async finished(timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name} did not exit within ${timeoutMs / 1000} s. Its output:\n${this.tail()}`)), timeoutMs);
    });
    try {
      return (await Promise.race([this.exited, timeout])).code;
    } finally {
      clearTimeout(timer);
    }
  }

  /** For a test that failed half-way: nothing left running. */
  kill(): void {
    if (!this.hasExited) this.child.kill('SIGKILL');
  }

  tail(lines = 40): string {
    return this.output.slice(-lines).join('\n');
  }
}

/** Runs a one-shot command (`tandem migrate`, `tandem token create` …) to its end. */
export async function runTandem(
  script: string,
  args: string[],
  env: Record<string, string>,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string[]; output: string[] }> {
  const { cwd, timeoutMs = 120_000 } = options;
  const command = new TandemProcess(`tandem ${args.join(' ')}`, script, args, env, cwd);
  const code = await command.finished(timeoutMs).catch((error: unknown) => {
    command.kill();
    throw error;
  });
  return { code, stdout: command.stdout.filter(Boolean), output: command.output };
}

/** A port free right now, for a process whose URL must be known before it logs it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
