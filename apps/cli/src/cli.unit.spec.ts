/**
 * The command line as scripts see it: `--help` on every command, and the exit codes of
 * interfaces.md (0 success, 1 a user error in one sentence on stderr, 2 a usage error). Only the
 * cases decided before any store is opened run here.
 */
import type { Command } from 'commander';
import { buildCli } from './cli';
import { tandem } from './testing/cli.harness.spec';

/** Every command and subcommand, as the words that name it (`['org', 'apply']`). */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [[...prefix, sub.name()], ...commandPaths(sub, [...prefix, sub.name()])]);
}

describe('tandem', () => {
  const paths = commandPaths(buildCli());

  it('has the commands of interfaces.md', () => {
    const names = paths.map((path) => path.join(' '));
    expect(names).toEqual(
      expect.arrayContaining(['start', 'demo', 'gateway', 'recorder', 'projector', 'api', 'reporter', 'migrate', 'token create', 'org apply', 'org import-backstage', 'import', 'replay', 'renormalize', 'export', 'verify', 'report']),
    );
  });

  it.each(paths.map((path) => [path.join(' '), path]))('answers `tandem %s --help` with its usage and what it does, exit code 0', async (_name, path) => {
    const run = await tandem(...(path as string[]), '--help');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Usage: tandem ${(path as string[]).join(' ')}`);
    expect(run.stdout.split('\n')[2]?.trim()).not.toBe('');
    expect(run.stderr).toBe('');
  });

  it('answers `tandem --help` with every command, exit code 0', async () => {
    const run = await tandem('--help');
    expect(run.exitCode).toBe(0);
    for (const name of ['start', 'demo', 'gateway', 'migrate', 'token', 'org', 'import', 'replay', 'renormalize', 'export', 'verify', 'report']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
  });

  it.each([
    ['no command', []],
    ['an unknown command', ['nope']],
    ['an unknown option', ['start', '--nope']],
    ['a value outside the choices', ['demo', '--scale', 'huge']],
    ['a seed that is not a number', ['demo', '--seed', 'abc']],
    ['a missing mandatory option', ['token', 'create']],
    ['a role that does not exist', ['token', 'create', '--role', 'boss']],
    ['a missing argument', ['import']],
  ])('exits 2 on a usage error: %s', async (_case, args) => {
    const run = await tandem(...args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/Usage: tandem/);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['a file to import that is not there', ['import', '/nonexistent/deliveries.jsonl'], 'no such file or folder'],
    ['an organisation file that is not there', ['org', 'apply', '/nonexistent/tandem.yaml'], '/nonexistent/tandem.yaml'],
    ['an explicit organisation file for start that is not there', ['start', '--config', '/nonexistent/tandem.yaml'], '/nonexistent/tandem.yaml'],
    ['an admin token limited to a team', ['token', 'create', '--role', 'admin', '--team', 'web'], '--team is for lead and member tokens'],
    ['a lead token without a team', ['token', 'create', '--role', 'lead'], 'add --team SLUG'],
  ])('exits 1 with one sentence on stderr for a user error: %s', async (_case, args, says) => {
    const run = await tandem(...args);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(says);
    // One line, no stack trace.
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^tandem: \S/)]);
  });
});
