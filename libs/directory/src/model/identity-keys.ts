import { GIT_EMAIL_TOOL } from './organization-model';

// Logins and addresses the tool itself treats case-insensitively; ids (Slack U…, PagerDuty P…,
// Jira account ids, incident.io ULIDs, Teams ids) are matched exactly.
const CASE_INSENSITIVE_TOOLS: ReadonlySet<string> = new Set(['github', 'gitlab', 'opsgenie', GIT_EMAIL_TOOL]);

/** The form under which an identity is indexed and looked up. */
export function normalizeExternalId(tool: string, externalId: string): string {
  return CASE_INSENSITIVE_TOOLS.has(tool) ? externalId.toLowerCase() : externalId;
}

/** One key per identity, whatever the case it was written in where the tool ignores case. */
export function identityKey(identity: { tool: string; id: string }): string {
  return `${identity.tool}\u0000${normalizeExternalId(identity.tool, identity.id)}`;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Repositories are `org/repo`, case-insensitive on GitHub and GitLab; a `.git` suffix is noise. */
export function normalizeRepo(repo: string): string {
  const lower = repo.trim().toLowerCase();
  return lower.endsWith('.git') ? lower.slice(0, -'.git'.length) : lower;
}

/** The id of the placeholder person created for an identity seen in an event but not configured. */
export function unresolvedPersonId(tool: string, externalId: string): string {
  return `unresolved:${tool}:${normalizeExternalId(tool, externalId)}`;
}
