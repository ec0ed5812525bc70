import { ConfigError, loadConfig } from '@tandem/config';

describe("the API's settings", () => {
  it('default to Mercurius, depth 10, cost 5,000, 30 aliases, 256 KiB bodies, 20 req/s (bursts of 60), private metrics, KPIs at most 2 s stale', () => {
    expect(loadConfig({}).api).toEqual({
      graphqlDriver: 'mercurius',
      limits: { maxDepth: 10, maxCost: 5000, maxAliases: 30, bodyLimitBytes: 256 * 1024 },
      rateLimit: { perSecond: 20, burst: 60 },
      metricsPublic: false,
      kpiMaxStalenessMs: 2_000,
    });
  });

  it('are read from the environment', () => {
    const config = loadConfig({
      TANDEM_GRAPHQL_DRIVER: 'apollo',
      TANDEM_GRAPHQL_MAX_DEPTH: '6',
      TANDEM_GRAPHQL_MAX_COST: '1000',
      TANDEM_GRAPHQL_MAX_ALIASES: '0',
      TANDEM_GRAPHQL_BODY_LIMIT: '65536',
      TANDEM_API_RATE_LIMIT: '0.5',
      TANDEM_API_RATE_BURST: '5',
      TANDEM_METRICS_PUBLIC: 'true',
      TANDEM_KPI_MAX_STALENESS_MS: '0',
    });

    expect(config.api).toEqual({
      graphqlDriver: 'apollo',
      limits: { maxDepth: 6, maxCost: 1000, maxAliases: 0, bodyLimitBytes: 65536 },
      rateLimit: { perSecond: 0.5, burst: 5 },
      metricsPublic: true,
      kpiMaxStalenessMs: 0,
    });
  });

  it('name every bad key at once', () => {
    const load = () => loadConfig({ TANDEM_GRAPHQL_DRIVER: 'yoga', TANDEM_GRAPHQL_MAX_DEPTH: '0', TANDEM_API_RATE_LIMIT: '-1', TANDEM_METRICS_PUBLIC: 'yes', TANDEM_KPI_MAX_STALENESS_MS: '-1' });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/TANDEM_GRAPHQL_DRIVER: .*; TANDEM_GRAPHQL_MAX_DEPTH: .*; TANDEM_API_RATE_LIMIT: .*; TANDEM_METRICS_PUBLIC: .*; TANDEM_KPI_MAX_STALENESS_MS: /);
  });
});
