import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '@tandem/config';
import { DEMO_SCALES } from '@tandem/demo';
import { startApp } from '@tandem/runtime';
import { APPS, AppName, EMBEDDED } from './apps';
import { EXIT, UserError } from './exit-codes';
import { runDemo, type DemoCommandOptions } from './commands/demo';
import { importDeliveries } from './commands/import';
import { migrate } from './commands/migrate';
import { addTokenCommand } from './commands/token';
import { addExportCommand } from './commands/export';
import { addReportCommand } from './commands/report';
import { addVerifyCommand } from './commands/verify';
import { applyAtStart, applyOrganizationFile, importBackstageFiles, organizationForStart } from './commands/org';
import { renormalize } from './commands/renormalize';
import { replay } from './commands/replay';

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
      const config = loadConfig(env);
      const file = config.paths.organizationFile;
      // Read and checked before the server starts: a bad file stops it with the file's own error.
      const organization = await organizationForStart(file, options.config !== undefined || Boolean(process.env.TANDEM_CONFIG));
      const running = await startApp(EMBEDDED, config);
      try {
        await applyAtStart(running.infrastructure, file, organization);
      } catch (error) {
        await running.app.close();
        throw error;
      }
    });

  for (const name of Object.keys(APPS) as AppName[]) {
    program
      .command(name)
      .description(`Run the ${name} alone (distributed mode: Kafka, PostgreSQL and Redis from the environment).`)
      .action(async () => {
        await startApp(APPS[name], loadConfig({ TANDEM_MODE: 'distributed', ...process.env }));
      });
  }

  addTokenCommand(program);
  addExportCommand(program);
  addVerifyCommand(program);
  addReportCommand(program);

  program
    .command('migrate')
    .description('Create or upgrade the database tables of the configured mode, then exit.')
    .action(async () => {
      const summary = await migrate(loadConfig());
      process.stdout.write(`${summary}\n`);
    });

  program
    .command('demo')
    .description('Start the embedded mode, create the Northwind demo organisation and send its activity through the gateway, then keep serving until Ctrl-C.')
    .addOption(new Option('--seed <n>', 'random seed: the same seed gives the same demo').default(42).argParser(wholeNumber))
    .addOption(new Option('--scale <scale>', 'small: 12 teams, ~120 people, 3 months; year: 50 teams, 500 people, ~1,000,000 events').choices(DEMO_SCALES).default('small'))
    .option('--weeks <n>', 'weeks of activity (default: 13 for small, 52 for year)', positiveWholeNumber)
    .option('--port <n>', 'HTTP port (env PORT, default 4000; 0 picks a free one)', wholeNumber)
    .option('--data <dir>', 'data folder of the demo (its store, log and tandem.yaml)', 'demo-data')
    .addHelpText(
      'after',
      '\nWebhook secrets: every source without a secret in the environment (TANDEM_GITHUB_WEBHOOK_SECRET …) gets a\n' +
        'demo secret, written in the source code and so public: use the demo data folder for the demo only.',
    )
    .action(async (options: DemoCommandOptions) => {
      await runDemo(options);
    });

  const org = program.command('org').description('The organisation model: teams, people and their identities, services.');
  org
    .command('apply')
    .argument('<file>', 'a tandem.yaml organisation file')
    .description('Make the event store describe the organisation in FILE; appends only what changed.')
    .action(async (file: string) => {
      process.stdout.write(`${await applyOrganizationFile(loadConfig(), file)}\n`);
    });
  org
    .command('import-backstage')
    .argument('<files...>', 'Backstage catalog-info.yaml files (Group, User, Component)')
    .description('Make the event store describe the organisation of a Backstage catalog; entities that cannot be mapped are listed.')
    .action(async (files: string[]) => {
      const { summary, skipped } = await importBackstageFiles(loadConfig(), files);
      for (const line of skipped) process.stderr.write(`skipped: ${line}\n`);
      process.stdout.write(`${summary}\n`);
    });

  program
    .command('import')
    .argument('<path>', 'a JSON-lines file of recorded deliveries, or a folder of *.jsonl files')
    .description('Backfill recorded webhook deliveries ({"source","headers","body"} per line) through the normalizers; exit 1 if a line failed.')
    .action(async (path: string) => {
      const report = await importDeliveries(loadConfig(), path);
      for (const failure of report.failures) process.stderr.write(`${failure}\n`);
      if (report.failedLines > report.failures.length) process.stderr.write(`… and ${report.failedLines - report.failures.length} more failed lines\n`);
      process.stdout.write(`${report.summary}\n`);
      if (report.failedLines > 0) process.exitCode = EXIT.userError;
    });

  program
    .command('renormalize')
    .description('Derive events again from the raw webhook archive with the current normalizers (appends only what is missing).')
    .option('--source <source>', 'only deliveries of this source')
    .option('--since <instant>', 'only deliveries received at or after this ISO-8601 instant')
    .action(async (options: { source?: string; since?: string }) => {
      process.stdout.write(`${await renormalize(loadConfig(), options)}\n`);
    });

  program
    .command('replay')
    .description('Rebuild the KPI read models from the first event into a new generation beside the live one, then swap to it.')
    .option('--definitions <version>', 'KPI definitions version the new generation computes by default (v1, v2 …; default: the latest)')
    .action(async (options: { definitions?: string }) => {
      process.stdout.write(`${await replay(loadConfig(), options)}\n`);
    });

  return program;
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

function positiveWholeNumber(value: string): number {
  const number = wholeNumber(value);
  if (number < 1) throw new InvalidArgumentError('expected at least 1.');
  return number;
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
    const sentence = environmentProblem(error);
    const known = sentence !== undefined || error instanceof ConfigError || error instanceof UserError;
    const message = sentence ?? (error instanceof Error ? error.message : String(error));
    process.stderr.write(`tandem: ${message}\n`);
    // An unexpected failure keeps its stack for the bug report; a user error needs only the sentence.
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = EXIT.userError;
  }
}

/** A problem of the machine the user can fix, in one sentence with what to do; undefined for the others. */
function environmentProblem(error: unknown): string | undefined {
  const { code, address, port } = (error ?? {}) as { code?: string; address?: string; port?: number };
  if (code === 'EADDRINUSE') return `Port ${port} on ${address} is already in use: stop what is using it, or choose another port with --port N (env PORT).`;
  return undefined;
}
