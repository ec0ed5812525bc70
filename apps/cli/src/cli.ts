import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '@tandem/config';
import { startApp } from '@tandem/runtime';
import { APPS, AppName, EMBEDDED } from './apps';
import { EXIT, UserError } from './exit-codes';
import { migrate } from './commands/migrate';

/** Flags of `tandem start` map onto the same environment variables the apps read (interfaces.md). */
interface StartOptions {
  config?: string;
  data?: string;
  port?: string;
}

export function buildCli(): Command {
  const program = new Command('tandem')
    .description('Tandem: collaboration metrics and recognition for Dev and Ops teams.')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('start')
    .description('Run everything in one process on one port (embedded mode: SQLite, in-process log, no servers).')
    .option('--config <file>', 'organisation file (env TANDEM_CONFIG)', undefined)
    .option('--data <dir>', 'data folder (env TANDEM_DATA_DIR)', undefined)
    .option('--port <n>', 'HTTP port (env PORT)', undefined)
    .action(async (options: StartOptions) => {
      const env = { ...process.env, TANDEM_MODE: 'embedded', ...startOverrides(options) };
      await startApp(EMBEDDED, loadConfig(env));
    });

  for (const name of Object.keys(APPS) as AppName[]) {
    program
      .command(name)
      .description(`Run the ${name} alone (distributed mode: Kafka, PostgreSQL and Redis from the environment).`)
      .action(async () => {
        await startApp(APPS[name], loadConfig({ TANDEM_MODE: 'distributed', ...process.env }));
      });
  }

  program
    .command('migrate')
    .description('Create or upgrade the database tables of the configured mode, then exit.')
    .action(async () => {
      const summary = await migrate(loadConfig());
      process.stdout.write(`${summary}\n`);
    });

  return program;
}

function startOverrides(options: StartOptions): Record<string, string> {
  const overrides: Record<string, string> = {};
  if (options.config) overrides.TANDEM_CONFIG = options.config;
  if (options.data) overrides.TANDEM_DATA_DIR = options.data;
  if (options.port) overrides.PORT = options.port;
  return overrides;
}

/** Runs the command line; the exit code says what happened (0 ok, 1 user error, 2 usage error). */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usageError;
      return;
    }
    const known = error instanceof ConfigError || error instanceof UserError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tandem: ${message}\n`);
    // An unexpected failure keeps its stack for the bug report; a user error needs only the sentence.
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = EXIT.userError;
  }
}
