import type {
  ExternalRef,
  MembershipInterval,
  OrganizationConfig,
  ServiceDefinition,
  TeamKind,
  WorkingHours,
} from './organization-model';

/**
 * How an identity came to belong to a person: the proto's IdentityLinkRule, plus `observed` for
 * the identity an unresolved person was created for. A reload of the file only undoes the links
 * its own rule made (`config` for tandem.yaml, `backstage` for a catalog import).
 */
export type LinkRule = 'config' | 'backstage' | 'email_match' | 'manual' | 'observed';

export interface LinkedIdentity extends ExternalRef {
  rule: LinkRule;
}

export interface PersonRecord {
  id: string;
  name: string;
  email: string | null;
  /** True for the placeholder of an identity seen in an event but linked to nobody. */
  unresolved: boolean;
  bot: boolean;
  identities: readonly LinkedIdentity[];
  /** Sorted by `from`, then team. */
  memberships: readonly MembershipInterval[];
  /** The person's own hours; null: their team's, else the organisation's default. */
  workingHours: WorkingHours | null;
  optOutOfAutomaticRecognition: boolean;
}

/** A value that holds from `since` until the next period; the first one also covers all before. */
export interface DatedPeriod {
  since: string;
}

export interface TeamKindPeriod extends DatedPeriod {
  kind: TeamKind;
}

export interface TeamRecord {
  slug: string;
  name: string;
  /** The current kind; `kindHistory` has every kind the team had, dated. */
  kind: TeamKind;
  kindHistory: readonly TeamKindPeriod[];
  parentSlug: string | null;
  workingHours: WorkingHours | null;
  /** Memberships end here: nobody is in a retired team. */
  retiredAt: string | null;
}

export interface OwnershipPeriod extends DatedPeriod {
  ownedBy: string;
  operatedBy: string | null;
}

export interface ServiceRecord extends Omit<ServiceDefinition, 'ownedBy' | 'operatedBy'> {
  ownership: readonly OwnershipPeriod[];
  retiredAt: string | null;
}

/** The fold of the directory events: plain immutable data, no indexes. */
export interface DirectoryState {
  /** Null until an OrganizationConfigured event (every default applies). */
  config: OrganizationConfig | null;
  teams: ReadonlyMap<string, TeamRecord>;
  people: ReadonlyMap<string, PersonRecord>;
  services: ReadonlyMap<string, ServiceRecord>;
  /** Per tool: normalized external id → person id. */
  identityOwners: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Lower-cased registered email → person id (how `git` author identities resolve). */
  emailOwners: ReadonlyMap<string, string>;
}

export const EMPTY_DIRECTORY_STATE: DirectoryState = {
  config: null,
  teams: new Map(),
  people: new Map(),
  services: new Map(),
  identityOwners: new Map(),
  emailOwners: new Map(),
};
