export * from './envelope';
export * from './errors';
export * from './events';
export * from './validate';
export * from './upcast';
export * from './read-event';
export * from './ids';
export * from './create-event';
// The generated message types, their JSON shapes (e.g. IncidentDeclaredJson, SeverityJson) and
// schemas. options_pb stays internal: only the validator reads the `required` options.
export * from './gen/tandem/events/v1/common_pb';
export * from './gen/tandem/events/v1/directory_pb';
export * from './gen/tandem/events/v1/git_pb';
export * from './gen/tandem/events/v1/deployments_pb';
export * from './gen/tandem/events/v1/paging_pb';
export * from './gen/tandem/events/v1/incidents_pb';
export * from './gen/tandem/events/v1/postmortems_pb';
export * from './gen/tandem/events/v1/chat_pb';
export * from './gen/tandem/events/v1/recognition_pb';
