import { headerValue } from '../headers';
import { identifier, identifierAt } from '../json-fields';
import { signHexBodyHmac, verifyHexBodyHmac, type HexBodyHmacScheme } from '../schemes/hex-body-hmac';
import { COMMON_KEPT_HEADERS, type VendorProfile } from './vendor-profile';

/** Jira Cloud admin webhooks with a secret (WebSub "method=signature"). */
const SIGNATURE: HexBodyHmacScheme = { header: 'X-Hub-Signature', prefix: 'sha256=' };

/** Jira Server comment events name their issue only in the comment's REST URL. */
const ISSUE_IN_COMMENT_URL = /\/issue\/(\d+)\/comment\//;

/**
 * Keyed by the numeric issue id rather than the key (`TES-41`): the id never changes, while the key
 * does when an issue moves to another project, and comment events may carry only the id.
 */
function issueOf(body: unknown): string | undefined {
  const commentUrl = identifierAt(body, 'comment', 'self');
  return identifierAt(body, 'issue', 'id') ?? identifier(commentUrl?.match(ISSUE_IN_COMMENT_URL)?.[1]);
}

export const jira: VendorProfile = {
  verify: (request, secrets) => verifyHexBodyHmac(SIGNATURE, request, secrets),
  sign: (rawBody, secret) => signHexBodyHmac(SIGNATURE, rawBody, secret),
  // Unchanged across Jira's retries.
  deliveryId: (request) => identifier(headerValue(request.headers, 'X-Atlassian-Webhook-Identifier')),
  orderingEntity: (body) => {
    const issue = issueOf(body);
    return issue === undefined ? undefined : `issue:${issue}`;
  },
  keptHeaders: [
    ...COMMON_KEPT_HEADERS,
    'x-atlassian-webhook-identifier',
    'x-atlassian-webhook-retry',
    'x-atlassian-webhook-flow',
  ],
};
