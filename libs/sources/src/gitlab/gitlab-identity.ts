import type { ExternalIdentityJson } from '@tandem/contracts';
import { externalIdentity } from '../shared/identity';
import type { GitlabUser } from './gitlab-payload';

export const GITLAB = 'gitlab';

/**
 * GitLab user objects carry no bot flag; its bot accounts are recognisable by username:
 * project/group access-token bots (`project_42_bot_…`, `group_7_bot_…`), service accounts
 * (`service_account_…`) and GitLab's internal bots (alert, support, visual review, security…).
 */
const BOT_USERNAME = /^(?:(?:project|group)_\d+_bot(?:_\w+)?|service_account_.+|alert-bot|support-bot|visual-review-bot|gitlab-security-bot|gitlab-llm-bot|duo-developer)$/i;

export function isGitlabBot(username: string): boolean {
  return BOT_USERNAME.test(username);
}

/** GitLab hides private emails as `[REDACTED]` (or an empty string): those are no email. */
export function usableEmail(email: string | null | undefined): string | undefined {
  return email && email.includes('@') ? email : undefined;
}

/** A GitLab account by username, the id tandem.yaml lists for GitLab. */
export function gitlabIdentity(user: Pick<GitlabUser, 'username' | 'name' | 'email'>): ExternalIdentityJson {
  return externalIdentity(GITLAB, user.username, {
    name: user.name,
    email: usableEmail(user.email),
    bot: isGitlabBot(user.username),
  });
}

export function optionalGitlabIdentity(user: GitlabUser | null | undefined): ExternalIdentityJson | undefined {
  return user ? gitlabIdentity(user) : undefined;
}
