import type { Message } from '@bufbuild/protobuf';
import type { GenMessage } from '@bufbuild/protobuf/codegenv2';
import type { NewEvent, RecordedEvent } from './envelope';
import * as directory from './gen/tandem/events/v1/directory_pb';
import * as git from './gen/tandem/events/v1/git_pb';
import * as deployments from './gen/tandem/events/v1/deployments_pb';
import * as paging from './gen/tandem/events/v1/paging_pb';
import * as incidents from './gen/tandem/events/v1/incidents_pb';
import * as postmortems from './gen/tandem/events/v1/postmortems_pb';
import * as chat from './gen/tandem/events/v1/chat_pb';
import * as recognition from './gen/tandem/events/v1/recognition_pb';

/**
 * Every canonical event type, by name, to the JSON shape of its data (proto3 JSON of the message
 * of the same name in `proto/tandem/events/v1`). Adding an event: add its message to the proto,
 * regenerate, add it here and to EVENT_SCHEMAS (the compiler insists on the latter).
 */
export interface EventDataMap {
  // directory
  TeamDefined: directory.TeamDefinedJson;
  TeamRetired: directory.TeamRetiredJson;
  PersonRegistered: directory.PersonRegisteredJson;
  PersonUpdated: directory.PersonUpdatedJson;
  PersonErased: directory.PersonErasedJson;
  IdentityLinked: directory.IdentityLinkedJson;
  IdentityUnlinked: directory.IdentityUnlinkedJson;
  IdentityObserved: directory.IdentityObservedJson;
  TeamMembershipChanged: directory.TeamMembershipChangedJson;
  ServiceDefined: directory.ServiceDefinedJson;
  ServiceRetired: directory.ServiceRetiredJson;
  WorkingHoursSet: directory.WorkingHoursSetJson;
  RecognitionOptOutChanged: directory.RecognitionOptOutChangedJson;
  OrganizationConfigured: directory.OrganizationConfiguredJson;
  // git
  PullRequestOpened: git.PullRequestOpenedJson;
  PullRequestConvertedToDraft: git.PullRequestConvertedToDraftJson;
  PullRequestReadyForReview: git.PullRequestReadyForReviewJson;
  PullRequestReviewed: git.PullRequestReviewedJson;
  PullRequestCommented: git.PullRequestCommentedJson;
  PullRequestMerged: git.PullRequestMergedJson;
  PullRequestClosed: git.PullRequestClosedJson;
  PullRequestReopened: git.PullRequestReopenedJson;
  CommitsPushed: git.CommitsPushedJson;
  WorkflowRunCompleted: git.WorkflowRunCompletedJson;
  IssueLabelledAsIncident: git.IssueLabelledAsIncidentJson;
  // deployments
  DeploymentStarted: deployments.DeploymentStartedJson;
  DeploymentFinished: deployments.DeploymentFinishedJson;
  // paging
  PageTriggered: paging.PageTriggeredJson;
  PageAcknowledged: paging.PageAcknowledgedJson;
  PageEscalated: paging.PageEscalatedJson;
  PageReassigned: paging.PageReassignedJson;
  PageResolved: paging.PageResolvedJson;
  ResponderAdded: paging.ResponderAddedJson;
  ResponderReplied: paging.ResponderRepliedJson;
  PagePriorityChanged: paging.PagePriorityChangedJson;
  OnCallShiftCompleted: paging.OnCallShiftCompletedJson;
  // incidents
  IncidentDeclared: incidents.IncidentDeclaredJson;
  IncidentSeverityChanged: incidents.IncidentSeverityChangedJson;
  IncidentStatusChanged: incidents.IncidentStatusChangedJson;
  IncidentServicesChanged: incidents.IncidentServicesChangedJson;
  IncidentChannelLinked: incidents.IncidentChannelLinkedJson;
  IncidentAcknowledged: incidents.IncidentAcknowledgedJson;
  IncidentMitigated: incidents.IncidentMitigatedJson;
  IncidentResolved: incidents.IncidentResolvedJson;
  IncidentReopened: incidents.IncidentReopenedJson;
  IncidentRoleAssigned: incidents.IncidentRoleAssignedJson;
  IncidentMerged: incidents.IncidentMergedJson;
  IncidentImpactCorrected: incidents.IncidentImpactCorrectedJson;
  IncidentMarkedNotChangeCaused: incidents.IncidentMarkedNotChangeCausedJson;
  IncidentLinkedToDeployment: incidents.IncidentLinkedToDeploymentJson;
  // postmortems
  PostmortemStarted: postmortems.PostmortemStartedJson;
  PostmortemPublished: postmortems.PostmortemPublishedJson;
  ActionItemCreated: postmortems.ActionItemCreatedJson;
  ActionItemAssigned: postmortems.ActionItemAssignedJson;
  ActionItemDueDateChanged: postmortems.ActionItemDueDateChangedJson;
  ActionItemClosed: postmortems.ActionItemClosedJson;
  ActionItemReopened: postmortems.ActionItemReopenedJson;
  // chat
  MessagePosted: chat.MessagePostedJson;
  ReactionAdded: chat.ReactionAddedJson;
  ChannelJoined: chat.ChannelJoinedJson;
  ChannelLeft: chat.ChannelLeftJson;
  // recognition
  KudosGiven: recognition.KudosGivenJson;
  RecognitionAwarded: recognition.RecognitionAwardedJson;
  RecognitionReactionAdded: recognition.RecognitionReactionAddedJson;
}

export type EventType = keyof EventDataMap;

/** A stored event of any type: `switch (event.type)` narrows `event.data`. */
export type CanonicalEvent = { [T in EventType]: RecordedEvent<T, EventDataMap[T]> }[EventType];

/** A stored event of one type, for handlers of that type. */
export type CanonicalEventOf<T extends EventType> = RecordedEvent<T, EventDataMap[T]>;

/** An event of any type about to be appended. */
export type NewCanonicalEvent = { [T in EventType]: NewEvent<T, EventDataMap[T]> }[EventType];

/**
 * The generated schema of one event type. Its type name must be `tandem.events.v1.<T>` and its
 * JSON type EventDataMap[T], so a schema filed under the wrong name does not compile.
 */
export type EventSchema<T extends EventType> = GenMessage<
  Message<`tandem.events.v1.${T}`>,
  { jsonType: EventDataMap[T] }
>;

/** The schema of every event type: an EventType without a schema does not compile. */
export const EVENT_SCHEMAS: { readonly [T in EventType]: EventSchema<T> } = {
  // directory
  TeamDefined: directory.TeamDefinedSchema,
  TeamRetired: directory.TeamRetiredSchema,
  PersonRegistered: directory.PersonRegisteredSchema,
  PersonUpdated: directory.PersonUpdatedSchema,
  PersonErased: directory.PersonErasedSchema,
  IdentityLinked: directory.IdentityLinkedSchema,
  IdentityUnlinked: directory.IdentityUnlinkedSchema,
  IdentityObserved: directory.IdentityObservedSchema,
  TeamMembershipChanged: directory.TeamMembershipChangedSchema,
  ServiceDefined: directory.ServiceDefinedSchema,
  ServiceRetired: directory.ServiceRetiredSchema,
  WorkingHoursSet: directory.WorkingHoursSetSchema,
  RecognitionOptOutChanged: directory.RecognitionOptOutChangedSchema,
  OrganizationConfigured: directory.OrganizationConfiguredSchema,
  // git
  PullRequestOpened: git.PullRequestOpenedSchema,
  PullRequestConvertedToDraft: git.PullRequestConvertedToDraftSchema,
  PullRequestReadyForReview: git.PullRequestReadyForReviewSchema,
  PullRequestReviewed: git.PullRequestReviewedSchema,
  PullRequestCommented: git.PullRequestCommentedSchema,
  PullRequestMerged: git.PullRequestMergedSchema,
  PullRequestClosed: git.PullRequestClosedSchema,
  PullRequestReopened: git.PullRequestReopenedSchema,
  CommitsPushed: git.CommitsPushedSchema,
  WorkflowRunCompleted: git.WorkflowRunCompletedSchema,
  IssueLabelledAsIncident: git.IssueLabelledAsIncidentSchema,
  // deployments
  DeploymentStarted: deployments.DeploymentStartedSchema,
  DeploymentFinished: deployments.DeploymentFinishedSchema,
  // paging
  PageTriggered: paging.PageTriggeredSchema,
  PageAcknowledged: paging.PageAcknowledgedSchema,
  PageEscalated: paging.PageEscalatedSchema,
  PageReassigned: paging.PageReassignedSchema,
  PageResolved: paging.PageResolvedSchema,
  ResponderAdded: paging.ResponderAddedSchema,
  ResponderReplied: paging.ResponderRepliedSchema,
  PagePriorityChanged: paging.PagePriorityChangedSchema,
  OnCallShiftCompleted: paging.OnCallShiftCompletedSchema,
  // incidents
  IncidentDeclared: incidents.IncidentDeclaredSchema,
  IncidentSeverityChanged: incidents.IncidentSeverityChangedSchema,
  IncidentStatusChanged: incidents.IncidentStatusChangedSchema,
  IncidentServicesChanged: incidents.IncidentServicesChangedSchema,
  IncidentChannelLinked: incidents.IncidentChannelLinkedSchema,
  IncidentAcknowledged: incidents.IncidentAcknowledgedSchema,
  IncidentMitigated: incidents.IncidentMitigatedSchema,
  IncidentResolved: incidents.IncidentResolvedSchema,
  IncidentReopened: incidents.IncidentReopenedSchema,
  IncidentRoleAssigned: incidents.IncidentRoleAssignedSchema,
  IncidentMerged: incidents.IncidentMergedSchema,
  IncidentImpactCorrected: incidents.IncidentImpactCorrectedSchema,
  IncidentMarkedNotChangeCaused: incidents.IncidentMarkedNotChangeCausedSchema,
  IncidentLinkedToDeployment: incidents.IncidentLinkedToDeploymentSchema,
  // postmortems
  PostmortemStarted: postmortems.PostmortemStartedSchema,
  PostmortemPublished: postmortems.PostmortemPublishedSchema,
  ActionItemCreated: postmortems.ActionItemCreatedSchema,
  ActionItemAssigned: postmortems.ActionItemAssignedSchema,
  ActionItemDueDateChanged: postmortems.ActionItemDueDateChangedSchema,
  ActionItemClosed: postmortems.ActionItemClosedSchema,
  ActionItemReopened: postmortems.ActionItemReopenedSchema,
  // chat
  MessagePosted: chat.MessagePostedSchema,
  ReactionAdded: chat.ReactionAddedSchema,
  ChannelJoined: chat.ChannelJoinedSchema,
  ChannelLeft: chat.ChannelLeftSchema,
  // recognition
  KudosGiven: recognition.KudosGivenSchema,
  RecognitionAwarded: recognition.RecognitionAwardedSchema,
  RecognitionReactionAdded: recognition.RecognitionReactionAddedSchema,
};

export const EVENT_TYPES: readonly EventType[] = Object.freeze(Object.keys(EVENT_SCHEMAS) as EventType[]);

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_SCHEMAS, type);
}
