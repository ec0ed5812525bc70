import type { ExternalIdentityJson } from '@tandem/contracts';
import { externalIdentity } from '../shared/identity';

export const OPSGENIE = 'opsgenie';

/**
 * Opsgenie names people by login (`alert.username`, `alert.owner`, `escalationNotify.name`), which
 * is their email address; the directory matches Opsgenie ids case-insensitively, as Opsgenie does.
 * The login is the id (tandem.yaml lists it), and also the email when it is one. Actions Opsgenie
 * takes itself (integrations, auto-close, policies) are done by `System`: a bot.
 */
export function opsgenieIdentity(login: string | null | undefined, fullName?: string | null): ExternalIdentityJson | undefined {
  const id = login?.trim();
  if (!id) return undefined;
  const bot = /^system$/i.test(id);
  return externalIdentity(OPSGENIE, id, {
    name: bot ? undefined : fullName,
    email: !bot && id.includes('@') ? id : undefined,
    bot,
  });
}
