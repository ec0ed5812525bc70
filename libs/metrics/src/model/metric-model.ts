import type { ActionItemOutcome } from '../facts/action-item-facts';
import type { EntityKey } from '../facts/entity-key';
import type { ExclusionStatus, NamedCause, ToolRef } from '../facts/incident-facts';
import type { ReviewStateJson } from '@tandem/contracts';
import type { Millis } from '../shared/millis';
import type { SeverityLevel } from '../shared/severity';

/**
 * The model the KPIs read: the entities' facts joined across entities (an incident with its pages
 * and its chat, a PR with the deployment that shipped it, the incident-to-deployment links) and
 * resolved through the directory (actors to people, repos and paging services to services).
 * People are person ids; bots are gone. Teams and sides stay as-of queries on the directory.
 */

export type ParticipationKind = 'ack' | 'role' | 'responder' | 'message';

/** A person's first act of one kind in an incident, between `triggered` and `resolved`. */
export interface Participation {
  personId: string;
  at: Millis;
  kind: ParticipationKind;
}

export type ImpactStartSource = 'correction' | 'declaration' | 'tool' | 'alert';

export type LinkRule = 'explicit' | 'same_service_window';
export type LinkEvidence = 'named_deployment' | 'named_commit' | 'named_pull_request' | 'rollback' | 'same_service_window';

export interface DeploymentLink {
  deployment: EntityKey;
  rule: LinkRule;
  evidence: LinkEvidence;
}

/** Why an incident links to nothing, when there is a reason beyond "no candidate". */
export type NoLinkReason = 'not_change_caused' | 'excluded' | 'named_cause_not_deployed' | 'no_candidate';

export type IncidentLinking = { rule: LinkRule; links: DeploymentLink[] } | { rule: 'none'; links: []; reason: NoLinkReason };

export interface Incident {
  kind: 'incident';
  key: EntityKey;
  ref: ToolRef;
  title: string | null;
  /** Declined, canceled or merged: left out of every KPI. */
  excluded: ExclusionStatus | null;
  severity: SeverityLevel | null;
  services: string[];
  channels: ToolRef[];
  impactStart: Millis | null;
  impactStartSource: ImpactStartSource | null;
  triggered: Millis | null;
  acknowledged: Millis | null;
  acknowledgedBy: string | null;
  mitigated: Millis | null;
  resolved: Millis | null;
  /**
   * A human's correction of when impact ended, kept beside `resolved`: where a KPI measures impact
   * (time_to_restore's duration, error_budget_burn's minutes) it wins over `resolved`; window
   * membership ("resolved in window") still reads `resolved`.
   */
  correctedImpactEnd: Millis | null;
  participants: Participation[];
  notChangeCaused: boolean;
  namedCause: NamedCause | null;
  linking: IncidentLinking;
  pages: EntityKey[];
  /** Incidents merged into this one: their pages and participants count here. */
  absorbed: EntityKey[];
  eventIds: string[];
}

export interface PersonAct {
  personId: string;
  at: Millis;
}

export interface Page {
  kind: 'page';
  key: EntityKey;
  ref: ToolRef;
  service: string | null;
  /** The incident it counts for (after merges). */
  incident: EntityKey | null;
  triggeredAt: Millis | null;
  firstNotifiedAt: Millis | null;
  severity: SeverityLevel | null;
  /** Every acknowledgement by a person, earliest first; the first is the page's. */
  acknowledgements: PersonAct[];
  /** People asked to help who did not decline. */
  responders: PersonAct[];
  eventIds: string[];
}

export interface LinkedIncident {
  incident: EntityKey;
  rule: LinkRule;
  evidence: LinkEvidence;
}

export interface Deployment {
  kind: 'deployment';
  key: EntityKey;
  tool: string;
  deploymentId: string;
  service: string | null;
  repo: string | null;
  environment: string | null;
  production: boolean;
  successful: boolean;
  finishedAt: Millis | null;
  sha: string | null;
  includedCommits: string[] | null;
  rollback: boolean;
  /** What a rollback or revert says it undoes, when it says. */
  reverts: { deploymentId: string | null; sha: string | null };
  /** The deployment this one undoes (rollback or revert). */
  undoes: EntityKey | null;
  /** Later deployments that undo this one. */
  undoneBy: EntityKey[];
  /** Change-caused incidents linked to it. */
  incidents: LinkedIncident[];
  eventIds: string[];
}

export interface Review {
  reviewId: string;
  reviewerId: string;
  state: ReviewStateJson;
  at: Millis;
}

export interface PullRequest {
  kind: 'pull_request';
  key: EntityKey;
  repo: string;
  number: number;
  authorId: string | null;
  /** Opened by a bot or service account: no person's work. */
  authorIsBot: boolean;
  openedAt: Millis | null;
  firstCommitAuthoredAt: Millis | null;
  mergedAt: Millis | null;
  mergeCommitSha: string | null;
  services: string[];
  /** Touches `infraPaths`; null when its paths are unknown. */
  infra: boolean | null;
  /** Reviews by people (bots' reviews dropped). */
  reviews: Review[];
  /** The first successful production deployment containing its merge commit. */
  deployedBy: EntityKey | null;
  eventIds: string[];
}

/** A commit pushed straight to a default branch that touches infrastructure (no pull request). */
export interface DirectInfraChange {
  kind: 'direct_change';
  key: string;
  repo: string;
  sha: string;
  authorId: string | null;
  authorIsBot: boolean;
  pushedAt: Millis | null;
  services: string[];
  eventIds: string[];
}

export interface Postmortem {
  kind: 'postmortem';
  key: EntityKey;
  incident: EntityKey | null;
  publishedAt: Millis | null;
  authors: string[];
  contributors: string[];
  reviewers: string[];
  eventIds: string[];
}

export interface ActionItem {
  kind: 'action_item';
  key: EntityKey;
  incident: EntityKey | null;
  createdAt: Millis | null;
  dueAt: Millis | null;
  /** No due date was set: created + the configured default. */
  defaultDue: boolean;
  closedAt: Millis | null;
  outcome: ActionItemOutcome | null;
  assigneeId: string | null;
  assignedAt: Millis | null;
  eventIds: string[];
}

export interface ChatThread {
  kind: 'thread';
  key: EntityKey;
  channel: ToolRef;
  service: string | null;
  root: PersonAct | null;
  /** Replies by people, earliest first. */
  replies: PersonAct[];
  eventIds: string[];
}

export type ModelFact = Incident | Page | Deployment | PullRequest | DirectInfraChange | Postmortem | ActionItem | ChatThread;

export interface MetricModel {
  incidents: readonly Incident[];
  pages: readonly Page[];
  deployments: readonly Deployment[];
  pullRequests: readonly PullRequest[];
  directInfraChanges: readonly DirectInfraChange[];
  postmortems: readonly Postmortem[];
  actionItems: readonly ActionItem[];
  threads: readonly ChatThread[];
  /** Every fact by key, for explanations and joins. */
  byKey: ReadonlyMap<string, ModelFact>;
}
