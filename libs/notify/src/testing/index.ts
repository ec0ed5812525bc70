// Test-only: local fakes of the vendor endpoints libs/notify talks to, real servers on 127.0.0.1
// answering with the vendors' documented responses. Imported by tests only (through
// `@tandem/notify-testing`): `smtp-server` is a devDependency.
export { FakeSlackApi, type FakeSlackApiOptions, type PostedSlackMessage, type SlackScriptedReply } from './fake-slack-api';
export { FakeTeamsWebhook, type TeamsScriptedReply } from './fake-teams-webhook';
export { FakeSmtpServer, type FakeSmtpServerOptions, type ReceivedEmail, type SmtpScriptedReply } from './fake-smtp-server';
export type { ReceivedRequest } from './http-fake';
