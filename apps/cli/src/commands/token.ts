import { Option, type Command } from 'commander';
import { isRole, ROLES, type Role } from '@tandem/auth';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { ApiTokenRepository, openReadModelDatabase } from '@tandem/persistence';
import { UserError } from '../exit-codes';
import { organizationForStart } from './org';

interface CreateOptions {
  role: string;
  team: string[];
  person?: string;
  config?: string;
  data?: string;
}

/** The grant a token is created with, checked against the organisation file when there is one. */
export interface TokenGrant {
  role: Role;
  teams: string[];
  /** The person (tandem.yaml id) the token acts for: needed to give kudos or opt out of recognitions. */
  personId?: string;
}

/**
 * `tandem token create --role admin|lead|member [--team SLUG]…`: creates an API token and prints
 * it alone on the last line of stdout (shown once: only its hash is stored). Added with
 * `program.command` so that it inherits the program's usage-error handling (exit code 2).
 */
export function addTokenCommand(program: Command): void {
  const token = program.command('token').description('API tokens of the GraphQL API (Authorization: Bearer tdm_…).');
  token
    .command('create')
    .description('Create an API token; prints it alone on the last line (shown once, stored hashed).')
    .addOption(new Option('--role <role>', 'admin: everything; lead: their teams\' detail; member: organisation-wide views').choices(ROLES).makeOptionMandatory())
    .option('--team <slug>', "a team of the token (a lead sees its detail); repeat for several", (slug: string, teams: string[]) => [...teams, slug], [])
    .option('--person <id>', 'the person (tandem.yaml id) the token belongs to: lets it give kudos and opt out of recognitions')
    .option('--config <file>', 'organisation file the teams are checked against (env TANDEM_CONFIG)')
    .option('--data <dir>', 'data folder of the embedded mode (env TANDEM_DATA_DIR)')
    .action(async (options: CreateOptions) => {
      const env = { ...process.env, ...(options.config ? { TANDEM_CONFIG: options.config } : {}), ...(options.data ? { TANDEM_DATA_DIR: options.data } : {}) };
      const config = loadConfig(env);
      const grant = await checkedGrant(config, options, options.config !== undefined || Boolean(process.env.TANDEM_CONFIG));
      process.stdout.write(`${(await createToken(config, grant)).join('\n')}\n`);
    });
}

async function checkedGrant(config: TandemConfig, options: CreateOptions, organizationFileGiven: boolean): Promise<TokenGrant> {
  const role = options.role;
  if (!isRole(role)) throw new UserError(`--role must be one of ${ROLES.join(', ')}.`);
  const teams = [...new Set(options.team)];
  if (role === 'admin' && teams.length > 0) throw new UserError('An admin token sees every team: --team is for lead and member tokens.');
  if (role === 'lead' && teams.length === 0) throw new UserError('A lead token needs the teams it leads: add --team SLUG.');
  const organization = await organizationForStart(config.paths.organizationFile, organizationFileGiven);
  const unknown = organization ? teams.filter((team) => !organization.teams.some((known) => known.slug === team)) : [];
  if (unknown.length > 0) throw new UserError(`No team ${unknown.join(', ')} in ${config.paths.organizationFile}.`);
  const personId = options.person;
  if (personId !== undefined && organization && !organization.people.some((person) => person.id === personId)) {
    throw new UserError(`No person ${personId} in ${config.paths.organizationFile}: --person takes a person's id from it.`);
  }
  return { role, teams, ...(personId !== undefined ? { personId } : {}) };
}

/** Issues the token in the configured read-model database; the lines to print, the token last. */
export async function createToken(config: TandemConfig, grant: TokenGrant): Promise<string[]> {
  const database = await openReadModelDatabase(config);
  try {
    const { token, record } = await new ApiTokenRepository(database).issue(grant);
    const teams = record.teams.length ? ` for ${record.teams.join(', ')}` : '';
    const person = grant.personId ? `, acting for ${grant.personId}` : '';
    return [`Created ${record.role} token ${record.id}${teams}${person}. It is shown once; Tandem keeps only its hash.`, token];
  } finally {
    await database.destroy();
  }
}
