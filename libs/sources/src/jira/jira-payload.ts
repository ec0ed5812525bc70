import { z } from 'zod';

/**
 * The fields of Jira webhook deliveries the normalizer reads, and only those (loose objects).
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
export const jiraUser = z.looseObject({
  accountId: optionalId,
  name: optionalId,
  key: optionalId,
  displayName: optionalId,
  emailAddress: optionalId,
  accountType: optionalId,
});
export type JiraUser = z.infer<typeof jiraUser>;

export const jiraDelivery = z.looseObject({ webhookEvent: nonEmpty });

const issueType = z.looseObject({ name: nonEmpty, subtask: z.boolean().nullish() });

/** What classes an issue as an incident, an action item or neither. */
const classifiedIssue = z.looseObject({
  id: nonEmpty,
  key: nonEmpty,
  fields: z.looseObject({
    project: z.looseObject({ key: nonEmpty }),
    issuetype: issueType,
  }),
});
export type JiraClassifiedIssue = z.infer<typeof classifiedIssue>;

const changeItem = z.looseObject({
  field: nonEmpty,
  fieldId: optionalId,
  from: z.string().nullish(),
  fromString: z.string().nullish(),
  to: z.string().nullish(),
  toString: z.string().nullish(),
});
export type JiraChangeItem = z.infer<typeof changeItem>;

/** `jira:issue_*` as routed: the epoch-ms `timestamp` of the change, who made it, what changed. */
export const jiraIssueDelivery = z.looseObject({
  timestamp: z.number().int().positive(),
  user: jiraUser.nullish(),
  issue: classifiedIssue,
  changelog: z.looseObject({ items: z.array(changeItem) }).nullish(),
});
export type JiraIssueDelivery = z.infer<typeof jiraIssueDelivery>;

/** An issue another issue points at (`parent`, `issuelinks[].inwardIssue/outwardIssue`). */
const linkedIssue = z.looseObject({
  id: nonEmpty,
  key: nonEmpty,
  fields: z.looseObject({ issuetype: issueType.nullish() }).nullish(),
});
export type JiraLinkedIssue = z.infer<typeof linkedIssue>;

/** The rest of an issue classed as an incident or an action item. */
export const jiraTrackedIssue = z.looseObject({
  issue: z.looseObject({
    fields: z.looseObject({
      created: z.string(),
      summary: z.string().nullish(),
      status: z.looseObject({ id: optionalId, name: nonEmpty, statusCategory: z.looseObject({ key: optionalId }).nullish() }).nullish(),
      priority: z.looseObject({ name: nonEmpty }).nullish(),
      assignee: jiraUser.nullish(),
      resolution: z.looseObject({ name: nonEmpty }).nullish(),
      duedate: z.string().nullish(),
      components: z.array(z.looseObject({ name: nonEmpty })).nullish(),
      parent: linkedIssue.nullish(),
      issuelinks: z.array(z.looseObject({ inwardIssue: linkedIssue.nullish(), outwardIssue: linkedIssue.nullish() })).nullish(),
    }),
  }),
});
export type JiraTrackedFields = z.infer<typeof jiraTrackedIssue>['issue']['fields'];

/** `comment_*`: Jira Cloud embeds the issue; Jira Server names it only in `comment.self`. */
export const jiraCommentDelivery = z.looseObject({
  comment: z.looseObject({ id: nonEmpty, self: z.string().nullish() }),
  issue: classifiedIssue.nullish(),
});
