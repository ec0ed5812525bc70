import type { ExternalIdentityJson } from '@tandem/contracts';

/**
 * An ExternalIdentity without empty optional fields (the canonical JSON omits unset fields, so a
 * normalizer output compares equal to its stored form).
 */
export function externalIdentity(
  tool: string,
  id: string,
  details: { name?: string | null; email?: string | null; bot?: boolean } = {},
): ExternalIdentityJson {
  const identity: ExternalIdentityJson = { tool, id };
  if (details.name) identity.name = details.name;
  if (details.email) identity.email = details.email;
  if (details.bot) identity.bot = true;
  return identity;
}

/** A commit author known only by email: tool `git`, id the lower-cased email (common.proto). */
export function gitAuthorIdentity(email: string, name?: string | null): ExternalIdentityJson {
  return externalIdentity('git', email.trim().toLowerCase(), { name, email });
}
