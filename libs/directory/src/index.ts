// The directory: the organisation model (tandem.yaml, Backstage), its events, and as-of queries.
// A functional core: no framework; the only I/O is in the two load* file adapters.

export * from './model/organization-model';
export type { Instant } from './model/instant';
export { localTimeToEpochMs, wallClockAt, isValidTimeZone, type WallClock } from './model/zoned-time';
export { resolveSettings, DEFAULT_KPI_SETTINGS, DEFAULT_RECOGNITION_SETTINGS, DEFAULT_WORKING_HOURS } from './model/default-settings';
export { type Side, isDevSide, isOpsSide, sideOfKind } from './model/side';
export { DIRECTORY_EVENT_TYPES, isDirectoryEvent, type DirectoryEvent, type DirectoryEventType } from './model/directory-events';
export type { DirectoryState, LinkRule, LinkedIdentity, OwnershipPeriod, PersonRecord, ServiceRecord, TeamKindPeriod, TeamRecord } from './model/directory-state';
export { EMPTY_DIRECTORY_STATE } from './model/directory-state';
export { applyDirectoryEvents, evolveDirectory } from './model/evolve-directory';
export { Directory, buildDirectory } from './model/directory';
export { unresolvedPersonId } from './model/identity-keys';

export { parseOrganization } from './organization-file/parse-organization';
export { loadOrganizationFile } from './organization-file/load-organization-file';
export { OrganizationFileError, formatIssue, type OrganizationFileIssue } from './organization-file/organization-file-error';
export { parseDurationSeconds } from './organization-file/duration';

export { importBackstageCatalog, type BackstageImport, type BackstageImportOptions, type CatalogFile } from './backstage/import-backstage-catalog';
export { loadBackstageCatalog } from './backstage/load-backstage-catalog';
export { ANNOTATIONS as BACKSTAGE_ANNOTATIONS } from './backstage/annotations';

export { planDirectoryChanges, type PlanOptions, type PlanSource } from './diff/plan-directory-changes';
export { planMembershipChange, type MembershipChangeRequest } from './diff/plan-membership-change';
export { DirectoryChangeError, type DirectoryChangeErrorCode } from './model/directory-change-error';
export type { NewDirectoryEvent, PlannedDirectoryEvent } from './diff/event-plan';

export { suggestLinks, observedIdentityOf, MIN_NAME_SIMILARITY, type LinkSuggestion, type ObservedIdentity, type SuggestionRule } from './resolution/suggest-links';
export { planIdentityLink, planIdentityObservation, planIdentityUnlink, type IdentityChangeOptions } from './resolution/identity-events';
export { isGitHubBot, isSlackBot } from './resolution/bot-markers';
export { SeenIdentities, compareUnresolvedIdentities, unresolvedIdentities, type SeenIdentity, type UnresolvedIdentity } from './resolution/unresolved-identities';
