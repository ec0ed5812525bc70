import { collectDefaultMetrics, Registry } from 'prom-client';

export { Registry } from 'prom-client';

/**
 * One registry per process (not prom-client's global one), so two apps started in one
 * process (the embedded mode, or tests) never register a metric twice.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'tandem_' });
  return registry;
}
