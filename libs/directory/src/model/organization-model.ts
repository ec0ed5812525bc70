/**
 * The organisation as its owners describe it: what `tandem.yaml` or a Backstage catalog says.
 * It is the input of `planDirectoryChanges`; the directory itself is the fold of the events.
 *
 * Instants are ISO-8601 UTC strings; dates written in the file (`2026-03-01`) are already turned
 * into the instant of local midnight in the organisation's time zone.
 */

export const TEAM_KINDS = ['dev', 'ops', 'sre', 'platform', 'other'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/** The tools whose identities tandem.yaml lists under a person (a vendor slug, as in events). */
export const CONFIGURED_IDENTITY_TOOLS = ['github', 'gitlab', 'slack', 'teams', 'pagerduty', 'opsgenie', 'jira', 'incidentio'] as const;

/**
 * The tool of a commit author known only by their email; such identities resolve through the
 * people's registered emails.
 */
export const GIT_EMAIL_TOOL = 'git';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A thing in a vendor tool by its id there: a login, a repository `org/repo`, a channel id. */
export interface ExternalRef {
  tool: string;
  id: string;
}

/** One weekly slice of working time: minutes after local midnight, end exclusive (≤ 1440). */
export interface WorkingHoursRange {
  day: Weekday;
  startMinute: number;
  endMinute: number;
}

export interface WorkingHours {
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timezone: string;
  ranges: readonly WorkingHoursRange[];
}

export interface KpiSettings {
  linkWindowSeconds: number;
  participationSeverity: Severity;
  postmortemSeverity: Severity;
  postmortemDueSeconds: number;
  actionItemDueSeconds: number;
  infraPaths: readonly string[];
  productionEnvironments: readonly string[];
}

export interface RecognitionSettings {
  kudosTriggers: readonly string[];
  kudosReactions: readonly string[];
  kudosPerDay: number;
  /** Company value tags a kudos can carry (`ownership`, `curiosity` …); empty: any. */
  kudosValues: readonly string[];
  /** Automatic recognition rule ids switched off. */
  disabledRules: readonly string[];
  /** Self-dealing: the largest share of a giver's kudos (in the window) that may go to someone who gives back. */
  selfDealingMaxShare: number;
  /** Self-dealing: the days of kudos the share is counted over. */
  selfDealingWindowDays: number;
  /** Self-dealing: the share is checked once the giver has given this many kudos in the window. */
  selfDealingMinKudos: number;
}

/**
 * The organisation settings as written: a missing value (or an empty list) means "the default of
 * metrics.md", so that a new definition version can change a default the owners never chose.
 */
export interface OrganizationConfig {
  name: string;
  timezone?: string;
  minGroupSize?: number;
  /** Working hours of people with none of their own (nor a team's), in the organisation's zone. */
  defaultWorkingHours?: readonly WorkingHoursRange[];
  kpis: Partial<KpiSettings>;
  recognition: Partial<RecognitionSettings>;
}

/** The settings with every default filled in: what projections read. */
export interface OrganizationSettings {
  name: string;
  timezone: string;
  minGroupSize: number;
  defaultWorkingHours: WorkingHours;
  kpis: KpiSettings;
  recognition: RecognitionSettings;
}

/** Where Tandem posts things; operational configuration, not part of the event history. */
export interface DeliverySettings {
  /** `teams` without `webhookUrl`: the URL is in TANDEM_TEAMS_POST_WEBHOOK_URL. */
  recognitionPostTo: { slack?: { channel: string }; teams?: { webhookUrl?: string } };
  reports: ReportsDelivery | null;
  /** `snapshots:` of tandem.yaml; unset: the reporter's defaults. */
  snapshots?: SnapshotsDelivery;
}

/** `reports:` of tandem.yaml as written (the reporter fills in what is unset); `false` turns a schedule off. */
export interface ReportsDelivery {
  /** The weekly report's cron (`weekly`, or its older name `cron`). */
  cron?: string | false;
  monthly?: string | false;
  /** `reports.timezone`, else the organisation's. */
  timezone: string;
  teams?: 'all' | string[];
  formats?: ('html' | 'md' | 'pdf')[];
  deliver?: { folder?: string; slack?: { channel: string }; email?: { to: string[] } };
}

/** `snapshots:` of tandem.yaml as written. */
export interface SnapshotsDelivery {
  daily?: string | false;
  /** `snapshots.timezone`, else the organisation's. */
  timezone: string;
  formats?: ('json' | 'csv' | 'parquet')[];
  folder?: string;
}

export interface TeamDefinition {
  slug: string;
  name: string;
  kind: TeamKind;
  /** Backstage Group parent, for display only: KPIs never roll up through it. */
  parentSlug: string | null;
  /** Working hours of members who have none of their own. */
  workingHours: WorkingHours | null;
}

/** A dated membership `[from, to)`; `to: null` means still a member. */
export interface MembershipInterval {
  team: string;
  from: string;
  to: string | null;
}

export interface PersonDefinition {
  id: string;
  name: string;
  email: string | null;
  identities: readonly ExternalRef[];
  memberships: readonly MembershipInterval[];
  workingHours: WorkingHours | null;
  bot: boolean;
  optOutOfAutomaticRecognition: boolean;
}

export interface SloDefinition {
  availabilityTarget: number;
  severityThreshold: Severity;
}

export interface ServiceDefinition {
  slug: string;
  name: string | null;
  ownedBy: string;
  operatedBy: string | null;
  /** `id` is the full name `org/repo`. */
  repositories: readonly ExternalRef[];
  /** PagerDuty service ids, Opsgenie team or integration ids. */
  pagingServices: readonly ExternalRef[];
  /** How incident tools name the service: incident.io catalog entry, Jira component. */
  incidentServices: readonly ExternalRef[];
  channels: readonly ExternalRef[];
  slo: SloDefinition | null;
}

export interface OrganizationModel {
  config: OrganizationConfig;
  teams: readonly TeamDefinition[];
  people: readonly PersonDefinition[];
  services: readonly ServiceDefinition[];
  delivery: DeliverySettings;
}
