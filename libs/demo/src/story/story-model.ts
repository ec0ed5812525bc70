import type { DemoChannel, DemoPerson, DemoRepository, DemoService } from '../organization/demo-organization';

/**
 * What the stories decide and the vendor renderers turn into payloads. Times are epoch ms.
 */

/** Who acts in a git tool: a person, or the dependency bot. */
export type GitActor = { kind: 'person'; person: DemoPerson } | { kind: 'bot'; login: string; id: number };

export interface Commit {
  sha: string;
  message: string;
  authoredAt: number;
  author: GitActor;
  /** Paths changed: infrastructure paths (k8s/, *.tf, Dockerfile) make it an infrastructure change. */
  added: readonly string[];
  modified: readonly string[];
}

export interface Review {
  id: number;
  reviewer: DemoPerson;
  state: 'approved' | 'changes_requested' | 'commented';
  at: number;
}

export interface PullRequest {
  repository: DemoRepository;
  number: number;
  /** The vendor's global id (GitHub `id`, GitLab `object_attributes.id`). */
  id: number;
  author: GitActor;
  title: string;
  branch: string;
  commits: readonly Commit[];
  openedAt: number;
  reviews: readonly Review[];
  /** Merged (with its merge commit) or closed without merging, or neither before the story ends. */
  outcome: { kind: 'merged'; at: number; by: GitActor; mergeCommit: Commit } | { kind: 'closed'; at: number; by: GitActor };
  additions: number;
  deletions: number;
}

/** A push to a branch: the commits it brings and the ref's sha before it (known when it is sent). */
export interface Push {
  repository: DemoRepository;
  ref: string;
  pusher: GitActor;
  commits: readonly Commit[];
  at: number;
  /** Whether the branch is new (`before` is all zeros). */
  created: boolean;
}

export interface Deployment {
  service: DemoService;
  repository: DemoRepository;
  id: number;
  statusId: number;
  environment: string;
  creator: GitActor;
  createdAt: number;
  finishedAt: number;
  state: 'success' | 'failure';
  ref: string;
  /** The commit deployed: the default branch's head when the deployment starts (set then). */
  sha: string;
  /** What ran in the environment before: what a rollback of this deployment goes back to. */
  previousSha: string;
  /** A rollback names the deployment it undoes (and deploys what ran before it). */
  rollbackOf?: Deployment;
}

export function actorOf(person: DemoPerson): GitActor {
  return { kind: 'person', person };
}

/** A page: a PagerDuty incident or an Opsgenie alert on a service. */
export interface Page {
  service: DemoService;
  /** PagerDuty incident id, or Opsgenie alertId. */
  id: string;
  /** PagerDuty incident number, or Opsgenie tinyId. */
  number: number;
  title: string;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  urgency: 'high' | 'low';
  /** Who is notified first: the operating team's on-call of the week. */
  onCall: DemoPerson;
  triggeredAt: number;
}

/** An incident.io incident: declared by a person, led by the Ops side, with a Slack channel. */
export interface MajorIncident {
  id: string;
  reference: string;
  name: string;
  service: DemoService;
  /** incident.io severity rank: 3 Critical, 2 Major, 1 Minor. */
  severityRank: 1 | 2 | 3;
  creator: DemoPerson;
  lead: DemoPerson;
  /** People given a custom role later (a Dev engineer as technical lead, when the team shows up). */
  roles: { person: DemoPerson; role: 'Technical Lead' | 'Communications Lead'; at: number }[];
  channel: DemoChannel;
  impactStartedAt: number;
  declaredAt: number;
  resolvedAt: number;
  closedAt: number;
}

/** An incident.io follow-up (a post-mortem action item). */
export interface FollowUp {
  id: string;
  incident: MajorIncident;
  title: string;
  creator: DemoPerson;
  assignee: DemoPerson;
  createdAt: number;
  /** When it was completed; undefined while outstanding. */
  completedAt?: number;
}

/** A Jira issue: an incident (type Incident) or an action item linked to one. */
export interface JiraIssue {
  id: string;
  key: string;
  type: 'Incident' | 'Action Item';
  summary: string;
  component: string;
  reporter: DemoPerson;
  assignee: DemoPerson;
  priority: 'Highest' | 'High' | 'Medium';
  createdAt: number;
  /** Action items: the incident they follow up, and their due date (YYYY-MM-DD). */
  incident?: JiraIssue;
  dueDate?: string;
}

/** A chat message in Slack: its channel, author and Slack ts (`seconds.micros`, also its id). */
export interface ChatMessage {
  channel: DemoChannel;
  author: DemoPerson;
  ts: string;
  at: number;
  text: string;
  /** Set on a thread reply: the root message. */
  thread?: ChatMessage;
  mentions: readonly DemoPerson[];
}
