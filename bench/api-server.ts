// The API alone in its own process, for the API and feed benches (so that the load generator does not
// share its event loop): the production ApiModule in the embedded mode on a data folder given as
// the first argument, with the driver of TANDEM_GRAPHQL_DRIVER. Prints `{ url, token }` (a token of
// the role in the second argument, admin by default, and the process id, whose CPU time the API bench reads) as the first line of stdout;
// stops on SIGTERM (startApp's graceful shutdown).
import './api-decorator-metadata';
import { ApiModule } from '@apps/api';
import { loadConfig } from '@tandem/config';
import { ApiTokenRepository } from '@tandem/persistence';
import { startApp } from '@tandem/runtime';

async function main(): Promise<void> {
  const [dataDir, role = 'admin'] = process.argv.slice(2);
  if (role !== 'admin' && role !== 'member') throw new Error(`role must be admin or member, not ${role}`);
  const config = loadConfig({
    ...process.env,
    TANDEM_MODE: 'embedded',
    TANDEM_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    // The benchmark measures the server, not the rate limit.
    TANDEM_API_RATE_LIMIT: '1000000',
    TANDEM_API_RATE_BURST: '1000000',
  });
  const running = await startApp({ service: 'api', modules: [ApiModule] }, config);
  const { token } = await running.app.get(ApiTokenRepository).issue({ role, teams: [] });
  process.stdout.write(`${JSON.stringify({ url: running.url, token, pid: process.pid })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
