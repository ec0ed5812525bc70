import { z } from 'zod';

/**
 * The fields of Jira webhook deliveries the normalizer reads, and only those (other fields are
 * accepted and left out of the parsed value).
 * An issue is read in two steps: first what classes it (project, issue type), then, for incidents and
 * action items only, the rest; so an ordinary issue is ignored without being held to the fields an
 * incident needs. Blank or null optional values read as absent.
 */

const nonEmpty = z.string().min(1, { error: 'expected a non-empty string' });

const optionalId = z
  .string()
  .nullish()
  .transform((value) => (value ? value : undefined));

/** Cloud: `accountId` (+ `accountType`: atlassian, app, customer); Server/DC: `name` and `key`. */
export const jiraUser = z.object({
  accountId: optionalId,
  name: optionalId,
  key: optionalId,
  displayName: optionalId,
  emailAddress: optionalId,
  accountType: optionalId,
});
export type JiraUser = z.infer<typeof jiraUser>;

export const jiraDelivery = z.object({ webhookEvent: nonEmpty });

const issueType = z.object({ name: nonEmpty, subtask: z.boolean().nullish() });

/** What classes an issue as an incident, an action item or neither. */
const classifiedIssue = z.object({
  id: nonEmpty,
  key: nonEmpty,
  fields: z.object({
    project: z.object({ key: nonEmpty }),
    issuetype: issueType,
  }),
});
export type JiraClassifiedIssue = z.infer<typeof classifiedIssue>;

const changeItem = z.object({
  field: nonEmpty,
  fieldId: optionalId,
  from: z.string().nullish(),
  fromString: z.string().nullish(),
  to: z.string().nullish(),
  toString: z.string().nullish(),
});
export type JiraChangeItem = z.infer<typeof changeItem>;

/** `jira:issue_*` as routed: the epoch-ms `timestamp` of the change, who made it, what changed. */
export const jiraIssueDelivery = z.object({
  timestamp: z.number().int().positive(),
  user: jiraUser.nullish(),
  issue: classifiedIssue,
  changelog: z.object({ items: z.array(changeItem) }).nullish(),
});
export type JiraIssueDelivery = z.infer<typeof jiraIssueDelivery>;

/** An issue another issue points at (`parent`, `issuelinks[].inwardIssue/outwardIssue`). */
const linkedIssue = z.object({
  id: nonEmpty,
  key: nonEmpty,
  fields: z.object({ issuetype: issueType.nullish() }).nullish(),
});
export type JiraLinkedIssue = z.infer<typeof linkedIssue>;

/** The rest of an issue classed as an incident or an action item. */
export const jiraTrackedIssue = z.object({
  issue: z.object({
    fields: z.object({
      created: z.string(),
      summary: z.string().nullish(),
      status: z.object({ id: optionalId, name: nonEmpty, statusCategory: z.object({ key: optionalId }).nullish() }).nullish(),
      priority: z.object({ name: nonEmpty }).nullish(),
      assignee: jiraUser.nullish(),
      resolution: z.object({ name: nonEmpty }).nullish(),
      duedate: z.string().nullish(),
      components: z.array(z.object({ name: nonEmpty })).nullish(),
      parent: linkedIssue.nullish(),
      issuelinks: z.array(z.object({ inwardIssue: linkedIssue.nullish(), outwardIssue: linkedIssue.nullish() })).nullish(),
    }),
  }),
});
export type JiraTrackedFields = z.infer<typeof jiraTrackedIssue>['issue']['fields'];

/** `comment_*`: Jira Cloud embeds the issue; Jira Server names it only in `comment.self`. */
export const jiraCommentDelivery = z.object({
  comment: z.object({ id: nonEmpty, self: z.string().nullish() }),
  issue: classifiedIssue.nullish(),
});
