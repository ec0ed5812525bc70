import { headerValue } from '../headers';
import { identifier, identifierAt } from '../json-fields';
import { signHexBodyHmac, verifyHexBodyHmac, type HexBodyHmacScheme } from '../schemes/hex-body-hmac';
import { COMMON_KEPT_HEADERS, type VendorProfile } from './vendor-profile';

const SIGNATURE: HexBodyHmacScheme = { header: 'X-Hub-Signature-256', prefix: 'sha256=' };

export const github: VendorProfile = {
  verify: (request, secrets) => verifyHexBodyHmac(SIGNATURE, request, secrets),
  sign: (rawBody, secret) => signHexBodyHmac(SIGNATURE, rawBody, secret),
  // Kept across manual redeliveries, which is why GitHub recommends it against replays.
  deliveryId: (request) => identifier(headerValue(request.headers, 'X-GitHub-Delivery')),
  // Pull requests and issues share one number space per repository; pushes, deployments and
  // runs are ordered per repository.
  orderingEntity: (body) => {
    const repository = identifierAt(body, 'repository', 'full_name');
    const number = identifierAt(body, 'pull_request', 'number') ?? identifierAt(body, 'issue', 'number');
    if (repository !== undefined) return number === undefined ? repository : `${repository}#${number}`;
    const organization = identifierAt(body, 'organization', 'login');
    return organization === undefined ? undefined : `org:${organization}`;
  },
  keptHeaders: [
    ...COMMON_KEPT_HEADERS,
    'x-github-event',
    'x-github-delivery',
    'x-github-hook-id',
    'x-github-hook-installation-target-id',
    'x-github-hook-installation-target-type',
    'x-github-enterprise-version',
    'x-github-enterprise-host',
  ],
};
