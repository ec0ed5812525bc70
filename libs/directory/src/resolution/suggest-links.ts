import type { Directory } from '../model/directory';
import { normalizeEmail } from '../model/identity-keys';
import type { PersonRecord } from '../model/directory-state';
import { isSameName, nameSimilarity, normalizeName } from './person-names';

export type SuggestionRule = 'verified_email' | 'exact_name' | 'similar_name';

export interface LinkSuggestion {
  personId: string;
  rule: SuggestionRule;
  /** 1.0 verified email, 0.9 exact name, 0.5–0.8 similar name by similarity. */
  confidence: number;
}

/** An identity as events carry it (the proto's ExternalIdentity). */
export interface ObservedIdentity {
  tool: string;
  id: string;
  name?: string | null;
  email?: string | null;
  bot?: boolean;
}

const RULE_ORDER: readonly SuggestionRule[] = ['verified_email', 'exact_name', 'similar_name'];

/** Below this similarity two names are different people, not a typo or a nickname apart. */
export const MIN_NAME_SIMILARITY = 0.75;

// Chat, paging and incident tools only show an email the account proved it owns; a git author
// email or a code host's profile email is whatever the person typed.
const TOOLS_WITH_VERIFIED_EMAILS: ReadonlySet<string> = new Set(['slack', 'teams', 'pagerduty', 'opsgenie', 'jira', 'incidentio']);

function similarNameConfidence(similarity: number): number {
  const scaled = 0.5 + (0.3 * (similarity - MIN_NAME_SIMILARITY)) / (1 - MIN_NAME_SIMILARITY);
  return Math.round(scaled * 100) / 100;
}

function suggestionFor(candidate: PersonRecord, identity: ObservedIdentity, name: string): LinkSuggestion | undefined {
  const verifiedEmail = identity.email && TOOLS_WITH_VERIFIED_EMAILS.has(identity.tool) ? normalizeEmail(identity.email) : undefined;
  if (verifiedEmail !== undefined && candidate.email !== null && normalizeEmail(candidate.email) === verifiedEmail) {
    return { personId: candidate.id, rule: 'verified_email', confidence: 1 };
  }
  if (name.length === 0) return undefined;
  const candidateName = normalizeName(candidate.name);
  if (isSameName(name, candidateName)) return { personId: candidate.id, rule: 'exact_name', confidence: 0.9 };
  const similarity = nameSimilarity(name, candidateName);
  return similarity >= MIN_NAME_SIMILARITY ? { personId: candidate.id, rule: 'similar_name', confidence: similarNameConfidence(similarity) } : undefined;
}

/** The identity an unresolved person stands for, as suggestLinks takes it. */
export function observedIdentityOf(person: PersonRecord): ObservedIdentity | undefined {
  const [identity] = person.identities;
  return identity && { tool: identity.tool, id: identity.id, name: person.name, email: person.email, bot: person.bot };
}

/**
 * Known people an unresolved identity may belong to, best first: by verified email, then exact
 * name, then similar name. Bots are never suggested, nor is anything suggested for a bot.
 */
export function suggestLinks(identity: ObservedIdentity, directory: Directory, options: { limit?: number } = {}): LinkSuggestion[] {
  if (identity.bot) return [];
  const name = normalizeName(identity.name ?? '');
  const suggestions = directory
    .people()
    .filter((person) => !person.unresolved && !person.bot)
    .flatMap((person) => suggestionFor(person, identity, name) ?? []);
  return suggestions
    .sort((a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) || b.confidence - a.confidence || a.personId.localeCompare(b.personId))
    .slice(0, options.limit ?? 5);
}
