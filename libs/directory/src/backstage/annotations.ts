import type { ExternalRef } from '../model/organization-model';

/** Backstage's well-known annotations that Tandem maps, and Tandem's own for what has none. */
export const ANNOTATIONS = {
  /** `org/repo`, well-known (GitHub plugins). */
  githubProjectSlug: 'github.com/project-slug',
  /** `group/project` (GitLab plugin). */
  gitlabProjectSlug: 'gitlab.com/project-slug',
  /** On a User: their GitHub login, well-known (GitHub org ingestion). */
  githubUserLogin: 'github.com/user-login',
  /** PagerDuty plugin. */
  pagerdutyServiceId: 'pagerduty.com/service-id',
  /** Opsgenie plugin: the team that is paged. */
  opsgenieTeam: 'opsgenie.com/team',
  /** On a Group: dev | ops | sre | platform | other (else spec.type, else the import's default). */
  teamKind: 'tandem.dev/team-kind',
  /** On a Component: the Group that operates it. */
  operatedBy: 'tandem.dev/operated-by',
  /** On a Component: comma-separated Slack channel ids. */
  slackChannels: 'tandem.dev/slack-channels',
  /** On a User: `"true"` for a bot or service account. */
  bot: 'tandem.dev/bot',
  /** On a User: `tandem.dev/identity.<tool>: <id>` for tools Backstage has no annotation for. */
  identityPrefix: 'tandem.dev/identity.',
} as const;

/** Comma-separated annotation values (`a, b`) as a list. */
function listAnnotation(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function refs(tool: string, value: string | undefined): ExternalRef[] {
  return listAnnotation(value).map((id) => ({ tool, id }));
}

export function componentRefs(annotations: Readonly<Record<string, string>>) {
  return {
    repositories: [...refs('github', annotations[ANNOTATIONS.githubProjectSlug]), ...refs('gitlab', annotations[ANNOTATIONS.gitlabProjectSlug])],
    pagingServices: [...refs('pagerduty', annotations[ANNOTATIONS.pagerdutyServiceId]), ...refs('opsgenie', annotations[ANNOTATIONS.opsgenieTeam])],
    channels: refs('slack', annotations[ANNOTATIONS.slackChannels]),
  };
}

export function userIdentities(annotations: Readonly<Record<string, string>>): ExternalRef[] {
  const identities = refs('github', annotations[ANNOTATIONS.githubUserLogin]);
  for (const [key, value] of Object.entries(annotations)) {
    const tool = key.startsWith(ANNOTATIONS.identityPrefix) ? key.slice(ANNOTATIONS.identityPrefix.length) : '';
    if (tool && value.trim() && !identities.some((identity) => identity.tool === tool)) identities.push({ tool, id: value.trim() });
  }
  return identities;
}
