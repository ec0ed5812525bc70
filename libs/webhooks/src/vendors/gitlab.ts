import { headerValue } from '../headers';
import { identifier, identifierAt, member } from '../json-fields';
import { signSharedToken, verifySharedToken } from '../schemes/shared-token';
import {
  hasStandardWebhookSignature,
  isStandardWebhookSecret,
  signStandardWebhook,
  verifyStandardWebhook,
} from '../schemes/standard-webhooks';
import { REJECTION, rejected } from '../verification';
import { COMMON_KEPT_HEADERS, type VendorProfile } from './vendor-profile';

const TOKEN_HEADER = 'X-Gitlab-Token';

/** Merge request and issue iids of the events that concern one (notes and pipelines point to theirs). */
function mergeRequestIid(body: unknown): string | undefined {
  return member(body, 'object_kind') === 'merge_request'
    ? identifierAt(body, 'object_attributes', 'iid')
    : identifierAt(body, 'merge_request', 'iid');
}

function issueIid(body: unknown): string | undefined {
  return member(body, 'object_kind') === 'issue'
    ? identifierAt(body, 'object_attributes', 'iid')
    : identifierAt(body, 'issue', 'iid');
}

export const gitlab: VendorProfile = {
  // Today GitLab sends the secret token as is; the signing token (Standard Webhooks) is rolling out
  // behind a feature flag. Whichever is present must be valid, and one of them must be.
  verify: (request, secrets, now) => {
    const hasToken = headerValue(request.headers, TOKEN_HEADER) !== undefined;
    const isSigned = hasStandardWebhookSignature(request.headers);
    if (!hasToken && !isSigned) return rejected(REJECTION.missingSignature(`${TOKEN_HEADER} or webhook-signature`));
    if (hasToken) {
      const token = verifySharedToken(TOKEN_HEADER, request, secrets);
      if (!token.ok || !isSigned) return token;
    }
    return verifyStandardWebhook(request, secrets, now);
  },
  sign: (rawBody, secret, context) =>
    isStandardWebhookSecret(secret)
      ? signStandardWebhook(rawBody, secret, context)
      : signSharedToken(TOKEN_HEADER, secret),
  // Idempotency-Key (17.4+) is stable across retries and "Resend request"; the event UUID is older
  // and shared by recursive hooks, hence second.
  deliveryId: (request) =>
    identifier(headerValue(request.headers, 'Idempotency-Key')) ??
    identifier(headerValue(request.headers, 'X-Gitlab-Event-UUID')),
  // GitLab's own reference syntax: `project!iid` for merge requests, `project#iid` for issues.
  orderingEntity: (body) => {
    const project =
      identifierAt(body, 'project', 'id') ??
      identifierAt(body, 'project_id') ??
      identifierAt(body, 'project', 'path_with_namespace');
    if (project === undefined) {
      const group = identifierAt(body, 'group_id');
      return group === undefined ? undefined : `group:${group}`;
    }
    const mergeRequest = mergeRequestIid(body);
    if (mergeRequest !== undefined) return `${project}!${mergeRequest}`;
    const issue = issueIid(body);
    return issue === undefined ? project : `${project}#${issue}`;
  },
  keptHeaders: [
    ...COMMON_KEPT_HEADERS,
    'x-gitlab-event',
    'x-gitlab-instance',
    'x-gitlab-webhook-uuid',
    'x-gitlab-event-uuid',
    'idempotency-key',
    'webhook-id',
    'webhook-timestamp',
  ],
};
