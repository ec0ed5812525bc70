import type { TeamKind } from '@tandem/directory';

/**
 * The demo organisation as the story needs it: everything tandem.yaml says, plus each person's
 * handle in every tool and the habits the story gives each team.
 */
export type Side = 'dev' | 'ops';
export type GitTool = 'github' | 'gitlab';
export type PagingTool = 'pagerduty' | 'opsgenie';

/** How a Dev team shows up when its services have incidents: the contrast the numbers must show. */
export type IncidentHabit = 'joins-early' | 'stays-away' | 'usual';

export interface DemoTeam {
  slug: string;
  name: string;
  kind: TeamKind;
  side: Side;
  timezone: string;
  git: GitTool;
  incidentHabit: IncidentHabit;
}

export interface DemoPerson {
  id: string;
  name: string;
  firstName: string;
  email: string;
  /** The team at the start of the story; `move` says where and when they go later, if they do. */
  team: string;
  move?: { team: string; at: number };
  github: { login: string; id: number };
  gitlab: { username: string; id: number };
  slack: string;
  /** Teams: the Bot Framework id (`29:…`) and the AAD object id tandem.yaml lists. */
  teams: { id: string; aadObjectId: string };
  pagerduty: string;
  /** Opsgenie knows people by login (their email) and a user id. */
  opsgenieUserId: string;
  jira: string;
  incidentio: string;
}

export interface DemoRepository {
  tool: GitTool;
  /** `org/repo` on GitHub, `group/subgroup/project` on GitLab. */
  fullName: string;
  name: string;
  id: number;
  /** The team whose people mostly change it. */
  team: string;
}

export interface DemoChannel {
  id: string;
  name: string;
}

export interface DemoService {
  slug: string;
  name: string;
  ownedBy: string;
  operatedBy: string;
  repository: DemoRepository;
  paging: { tool: PagingTool; id: string; name: string };
  channel: DemoChannel;
  /** incident.io names services as catalog entries. */
  catalogEntryId: string;
  /** The Jira component of a service whose team tracks incidents in Jira. */
  jiraComponent?: string;
  slo?: { availability: number; severity: 'SEV2' | 'SEV3' };
}

export interface DemoOrganization {
  name: string;
  timezone: string;
  /** Local midnight of this date starts every membership (and the story's teams). */
  membershipsFrom: string;
  github: { org: string; id: number };
  gitlab: { host: string; group: string; groupId: number };
  slack: { teamId: string; appId: string; botUserId: string };
  /** The Teams team whose channel has the Tandem outgoing webhook. */
  msTeams: { teamId: string; channelId: string; tenantId: string; webhookBotId: string };
  jira: { site: string; incidentProject: string };
  teams: readonly DemoTeam[];
  people: readonly DemoPerson[];
  services: readonly DemoService[];
  /** Infrastructure-as-code shared by the Ops side. */
  infraRepository: DemoRepository;
  channels: { kudos: DemoChannel; devOpsHelp: DemoChannel; deployments: DemoChannel };
  /** The dependency bot that opens pull requests (a bot in tandem.yaml, never a person). */
  dependabot: { login: string; id: number };
}
