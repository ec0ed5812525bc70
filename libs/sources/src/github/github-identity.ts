import type { ExternalIdentityJson } from '@tandem/contracts';
import { externalIdentity, gitAuthorIdentity } from '../shared/identity';
import type { GithubPushCommit, GithubUser } from './github-payload';

export const GITHUB = 'github';

/** GitHub marks apps as `type: "Bot"`; their logins end in `[bot]` (e.g. `dependabot[bot]`). */
export function isGithubBot(user: { login: string; type?: string | undefined }): boolean {
  return user.type === 'Bot' || user.login.endsWith('[bot]');
}

/** A GitHub account by login, the id tandem.yaml lists for GitHub. */
export function githubIdentity(user: GithubUser): ExternalIdentityJson {
  return externalIdentity(GITHUB, user.login, { name: user.name, email: user.email, bot: isGithubBot(user) });
}

export function optionalGithubIdentity(user: GithubUser | null | undefined): ExternalIdentityJson | undefined {
  return user ? githubIdentity(user) : undefined;
}

/**
 * A pushed commit's author: the GitHub login when GitHub resolved the author's email to an account
 * (`author.username`), else the email alone under tool `git`. Never a guess from the name.
 */
export function commitAuthorIdentity(author: GithubPushCommit['author']): ExternalIdentityJson {
  if (author.username) {
    return externalIdentity(GITHUB, author.username, {
      name: author.name,
      email: author.email,
      bot: author.username.endsWith('[bot]'),
    });
  }
  return gitAuthorIdentity(author.email, author.name);
}
