/**
 * Whether an environment name is one of the configured production environments
 * (`NormalizerSettings.productionEnvironments`): case-insensitive, each pattern an exact name or a
 * glob where `*` matches any run of characters (`prod-*` matches `prod-eu`).
 */
export function matchesEnvironment(environment: string, patterns: readonly string[]): boolean {
  const name = environment.trim().toLowerCase();
  return patterns.some((pattern) => globToRegExp(pattern.trim().toLowerCase()).test(name));
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
