import { z } from 'zod';
import { SEVERITIES, TEAM_KINDS, WEEKDAYS } from '../model/organization-model';
import { isValidTimeZone } from '../model/zoned-time';
import { DURATION_PATTERN, parseDurationSeconds } from './duration';

/**
 * The schema of `tandem.yaml` as written (the keys of the public contract, plus additions). Every
 * object is strict: a misspelt key is an error, not a silently ignored setting. Organisation
 * settings get no defaults here: unset means "the default of metrics.md" (see resolveSettings).
 */

// No `:` in ids: `unresolved:<tool>:<id>` is reserved for people seen but not configured.
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit');
const name = z.string().trim().min(1, 'must not be empty');
const timezone = z.string().refine(isValidTimeZone, 'is not an IANA time zone (e.g. Europe/Berlin)');
const clockTime = z.string().regex(/^(([01]?\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:MM');
const duration = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration such as 30m, 24h or 7d')
  .transform((text) => parseDurationSeconds(text) as number);
// YAML reads `from: 2026-03-01` as a string; a full instant needs an offset to be unambiguous.
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const date = z
  .string()
  .refine(
    (text) => (DATE_PATTERN.test(text) || INSTANT_PATTERN.test(text)) && !Number.isNaN(Date.parse(text)),
    'must be a date YYYY-MM-DD or an instant with an offset',
  );
// Vendor ids are strings, but YAML reads an unquoted 12345 as a number.
const externalId = z.preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string().trim().min(1, 'must not be empty'));
const externalIds = z.array(externalId).default([]);
const severity = z.enum(SEVERITIES);
const nonEmptyTexts = z.array(z.string().trim().min(1, 'must not be empty'));

/** A weekly shift; an end at or before the start runs past midnight. */
const shift = {
  days: z.array(z.enum(WEEKDAYS)).min(1, 'must name at least one day').default(['mon', 'tue', 'wed', 'thu', 'fri']),
  start: clockTime.default('09:00'),
  end: clockTime.default('18:00'),
};
const zonedShift = z.strictObject({ timezone: timezone.optional(), ...shift });

const organization = z.strictObject({
  name,
  timezone: timezone.optional(),
  minGroupSize: z.int().min(1, 'must be at least 1').optional(),
  workingHours: z.strictObject(shift).optional(),
});

const team = z.strictObject({
  slug: id,
  name,
  kind: z.enum(TEAM_KINDS),
  parent: id.optional(),
  workingHours: zonedShift.optional(),
});

const membership = z.strictObject({ team: id, from: date, to: date.nullable().default(null) });

const person = z.strictObject({
  id,
  name,
  email: z.email('must be an email address').optional(),
  identities: z
    .strictObject({
      github: externalId.optional(),
      gitlab: externalId.optional(),
      slack: externalId.optional(),
      teams: externalId.optional(),
      pagerduty: externalId.optional(),
      opsgenie: externalId.optional(),
      jira: externalId.optional(),
      incidentio: externalId.optional(),
    })
    .default({}),
  memberships: z.array(membership).default([]),
  workingHours: zonedShift.optional(),
  bot: z.boolean().default(false),
  optOutOfAutomaticRecognition: z.boolean().default(false),
});

/** `org/repo` on GitHub, or `gitlab:group/sub/project`. */
const REPO_PATTERN = /^((github|gitlab):)?[\w.-]+(\/[\w.-]+)+$/;

const service = z.strictObject({
  slug: id,
  name: name.optional(),
  ownedBy: id,
  operatedBy: id.nullable().default(null),
  repos: z.array(z.string().regex(REPO_PATTERN, 'must be a repository such as acme/checkout (or gitlab:group/project)')).default([]),
  paging: z.strictObject({ pagerduty: externalIds, opsgenie: externalIds }).prefault({}),
  incidentServices: z.strictObject({ incidentio: externalIds, jira: externalIds }).prefault({}),
  channels: z.strictObject({ slack: externalIds, teams: externalIds }).prefault({}),
  slo: z
    .strictObject({
      availability: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1'),
      severity,
    })
    .optional(),
});

const kpis = z.strictObject({
  linkWindow: duration.optional(),
  participationSeverity: severity.optional(),
  postmortemSeverity: severity.optional(),
  postmortemDue: duration.optional(),
  actionItemDue: duration.optional(),
  infraPaths: nonEmptyTexts.optional(),
  productionEnvironments: nonEmptyTexts.optional(),
});

const recognition = z.strictObject({
  kudosTrigger: z.union([z.string().trim().min(1, 'must not be empty'), nonEmptyTexts]).optional(),
  kudosEmoji: z.array(z.string().regex(/^[\w+-]+$/, 'must be an emoji name without colons')).optional(),
  kudosPerDay: z.int().min(1, 'must be at least 1').optional(),
  values: z.array(id).optional(),
  disabledRules: z.array(id).optional(),
  // Kudos between a pair who mostly thank each other are refused (libs/recognition, SELF_DEALING).
  selfDealing: z
    .strictObject({
      maxShare: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1'),
      windowDays: z.int().min(1, 'must be at least 1').max(366, 'must be at most 366'),
      minKudos: z.int().min(2, 'must be at least 2'),
    })
    .partial()
    .optional(),
  postTo: z
    .strictObject({
      slack: z.strictObject({ channel: externalId }).optional(),
      // The URL is the webhook's credential: TANDEM_TEAMS_POST_WEBHOOK_URL keeps it out of this file (`teams: {}`).
      teams: z.strictObject({ webhookUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }).optional() }).optional(),
    })
    .default({}),
});

// The reporter's schedules and deliveries (apps/reporter, which fills in the defaults: see its README).
const cron = z.string().regex(/^\S+(\s+\S+){4,5}$/, 'must be a cron expression of 5 or 6 fields');
const schedule = z.union([cron, z.literal(false)]);
const folder = z.string().trim().min(1, 'must not be empty');
const reports = z
  .strictObject({
    /** The weekly report's schedule under its first name; `weekly` is the newer one. */
    cron: cron.optional(),
    weekly: schedule.optional(),
    monthly: schedule.optional(),
    timezone: timezone.optional(),
    teams: z.union([z.literal('all'), z.array(id)]).optional(),
    formats: z.array(z.enum(['html', 'md', 'pdf'])).min(1, 'must name at least one format').optional(),
    deliver: z
      .strictObject({
        folder: folder.optional(),
        slack: z.strictObject({ channel: externalId }).optional(),
        email: z.strictObject({ to: z.array(z.email('must be an email address')).min(1, 'must name at least one address') }).optional(),
      })
      .optional(),
  })
  .refine((entry) => entry.cron === undefined || entry.weekly === undefined, { message: 'give the weekly schedule once: weekly (or its older name cron), not both', path: ['cron'] });

const snapshots = z.strictObject({
  daily: schedule.optional(),
  timezone: timezone.optional(),
  formats: z.array(z.enum(['json', 'csv', 'parquet'])).min(1, 'must name at least one format').optional(),
  folder: folder.optional(),
});

export const organizationFileSchema = z.strictObject({
  organization,
  teams: z.array(team).default([]),
  people: z.array(person).default([]),
  services: z.array(service).default([]),
  kpis: kpis.prefault({}),
  recognition: recognition.prefault({}),
  reports: reports.optional(),
  snapshots: snapshots.optional(),
});

export type OrganizationFile = z.output<typeof organizationFileSchema>;
export type TeamEntry = OrganizationFile['teams'][number];
export type PersonEntry = OrganizationFile['people'][number];
export type ServiceEntry = OrganizationFile['services'][number];
export type ZonedShift = z.output<typeof zonedShift>;
