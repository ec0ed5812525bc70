import type { TeamKind } from '@tandem/directory';
import type { GitTool, IncidentHabit } from './demo-organization';

const SPELLINGS: Readonly<Record<string, string>> = { api: 'API', sre: 'SRE', emea: 'EMEA', ios: 'iOS' };

function titleCase(slug: string): string {
  return slug
    .split('-')
    .map((word) => SPELLINGS[word] ?? word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

/** A team the demo can field, with the part it plays in the story. */
export interface TeamBlueprint {
  slug: string;
  name: string;
  kind: TeamKind;
  git?: GitTool;
  incidentHabit?: IncidentHabit;
  /** Services it owns; default `<slug>-api`, `<slug>-worker`, `<slug>-web`. */
  services?: readonly string[];
  timezone?: string;
}

/**
 * Dev teams, story teams first: `payments` joins incidents early, `search` stays away, `checkout`
 * has the change-failure incident with the overdue post-mortem actions, `mobile` and `identity`
 * work in GitLab (mobile also tracks its incidents in Jira and chats in Teams).
 */
export const DEV_TEAMS: readonly TeamBlueprint[] = [
  { slug: 'payments', name: 'Payments', kind: 'dev', incidentHabit: 'joins-early', services: ['payments-api', 'payment-gateway', 'ledger'] },
  { slug: 'checkout', name: 'Checkout', kind: 'dev', services: ['checkout-api', 'cart-service', 'checkout-web'] },
  { slug: 'search', name: 'Search', kind: 'dev', incidentHabit: 'stays-away', services: ['search-api', 'search-indexer', 'ranking'] },
  { slug: 'mobile', name: 'Mobile', kind: 'dev', git: 'gitlab', services: ['ios-app', 'android-app', 'mobile-bff'] },
  { slug: 'platform-api', name: 'Platform API', kind: 'dev', services: ['public-api', 'api-gateway'] },
  { slug: 'identity', name: 'Identity', kind: 'dev', git: 'gitlab', services: ['auth-service', 'user-profile'] },
  { slug: 'growth', name: 'Growth', kind: 'dev', services: ['recommendations', 'notifications'] },
  ...[
    'catalog', 'pricing', 'messaging', 'billing', 'onboarding', 'fraud', 'loyalty', 'shipping', 'inventory', 'returns',
    'partner-api', 'storefront', 'ios-core', 'android-core', 'admin-tools', 'reporting', 'ads', 'media', 'maps', 'reviews',
    'wishlist', 'subscriptions', 'tax', 'invoicing', 'support-tools', 'experimentation', 'marketplace',
  ].map((slug, index): TeamBlueprint => ({
    slug,
    name: titleCase(slug),
    kind: 'dev',
    // A third of the larger organisation works from New York.
    ...(index % 3 === 2 ? { timezone: 'America/New_York' } : {}),
  })),
];

/** Ops-side teams; `database-ops` pages through Opsgenie, the rest through PagerDuty. */
export const OPS_TEAMS: readonly TeamBlueprint[] = [
  { slug: 'sre', name: 'Site Reliability', kind: 'sre', services: [] },
  { slug: 'cloud-platform', name: 'Cloud Platform', kind: 'platform', services: ['k8s-platform'] },
  { slug: 'network-ops', name: 'Network Operations', kind: 'ops', services: ['edge-network'] },
  { slug: 'database-ops', name: 'Database Operations', kind: 'ops', services: ['postgres-platform', 'kafka-platform'] },
  { slug: 'observability', name: 'Observability', kind: 'platform', services: ['observability-stack'] },
  ...(
    [
      ['sre-americas', 'sre'], ['developer-platform', 'platform'], ['security-ops', 'ops'], ['storage-ops', 'ops'],
      ['edge-platform', 'platform'], ['release-engineering', 'platform'], ['data-platform', 'platform'], ['messaging-ops', 'ops'],
      ['identity-ops', 'ops'], ['compute-platform', 'platform'], ['sre-emea', 'sre'],
    ] as const
  ).map(([slug, kind], index): TeamBlueprint => ({
    slug,
    name: titleCase(slug),
    kind,
    services: [`${slug}-stack`],
    ...(index % 3 === 0 ? { timezone: 'America/New_York' } : {}),
  })),
];

/** The Ops team that uses Opsgenie instead of PagerDuty. */
export const OPSGENIE_TEAM = 'database-ops';

