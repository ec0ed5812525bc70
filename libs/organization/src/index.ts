// The application layer between the pure directory and the event store: what `tandem org apply`,
// `tandem start --config` and the demo use to make the store describe an organisation file.
export { applyOrganization, describeApplySummary, type ApplyOrganizationOptions, type OrganizationApplySummary } from './apply-organization';
export { appendDirectoryEvents, type DirectoryAppendSummary } from './append-directory-events';
export { readDirectory } from './read-directory';
