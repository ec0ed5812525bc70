import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export type Driver = 'mercurius' | 'apollo';

export interface ApiProcess {
  url: string;
  /** A token of the role asked for, issued by the API process itself. */
  token: string;
  /** The server's own process (tsx runs it in a child of the process started here). */
  pid: number;
  stop(): Promise<void>;
}

const TSX = join(__dirname, '..', 'node_modules', '.bin', 'tsx');

/**
 * Starts the API alone in its own process (bench/api-server.ts) on an embedded data folder, so
 * that the load generator does not share the server's event loop; resolves once it listens.
 */
export async function startApiProcess(dataDir: string, options: { driver?: Driver; role?: 'admin' | 'member' } = {}): Promise<ApiProcess> {
  const child: ChildProcess = spawn(TSX, [join(__dirname, 'api-server.ts'), dataDir, options.role ?? 'admin'], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, ...(options.driver ? { TANDEM_GRAPHQL_DRIVER: options.driver } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API process exited (code ${code}) before listening`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const { url, token, pid } = JSON.parse(line) as { url: string; token: string; pid: number };
  return {
    url,
    token,
    pid,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
