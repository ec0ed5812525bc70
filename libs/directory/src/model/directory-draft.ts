import type { DirectoryState, PersonRecord, ServiceRecord, TeamRecord } from './directory-state';
import type { OrganizationConfig } from './organization-model';

/**
 * A copy-on-write view of a state while a batch of events is applied. Each map is copied at most
 * once per batch, and only if an event touches it, so folding N events costs O(N + size) instead
 * of the O(N × size) of copying the state per event; the base state is never mutated.
 */
export class DirectoryDraft {
  private config: OrganizationConfig | null;
  private teams?: Map<string, TeamRecord>;
  private people?: Map<string, PersonRecord>;
  private services?: Map<string, ServiceRecord>;
  private identityOwners?: Map<string, ReadonlyMap<string, string>>;
  private readonly copiedIdentityTools = new Set<string>();
  private emailOwners?: Map<string, string>;

  constructor(private readonly base: DirectoryState) {
    this.config = base.config;
  }

  configure(config: OrganizationConfig): void {
    this.config = config;
  }

  team(slug: string): TeamRecord | undefined {
    return (this.teams ?? this.base.teams).get(slug);
  }

  writableTeams(): Map<string, TeamRecord> {
    return (this.teams ??= new Map(this.base.teams));
  }

  person(personId: string): PersonRecord | undefined {
    return (this.people ?? this.base.people).get(personId);
  }

  writablePeople(): Map<string, PersonRecord> {
    return (this.people ??= new Map(this.base.people));
  }

  service(slug: string): ServiceRecord | undefined {
    return (this.services ?? this.base.services).get(slug);
  }

  writableServices(): Map<string, ServiceRecord> {
    return (this.services ??= new Map(this.base.services));
  }

  identityOwner(tool: string, normalizedId: string): string | undefined {
    return (this.identityOwners ?? this.base.identityOwners).get(tool)?.get(normalizedId);
  }

  writableIdentityOwners(tool: string): Map<string, string> {
    const owners = (this.identityOwners ??= new Map(this.base.identityOwners));
    if (!this.copiedIdentityTools.has(tool)) {
      owners.set(tool, new Map(owners.get(tool)));
      this.copiedIdentityTools.add(tool);
    }
    return owners.get(tool) as Map<string, string>;
  }

  emailOwner(email: string): string | undefined {
    return (this.emailOwners ?? this.base.emailOwners).get(email);
  }

  writableEmailOwners(): Map<string, string> {
    return (this.emailOwners ??= new Map(this.base.emailOwners));
  }

  result(): DirectoryState {
    return {
      config: this.config,
      teams: this.teams ?? this.base.teams,
      people: this.people ?? this.base.people,
      services: this.services ?? this.base.services,
      identityOwners: this.identityOwners ?? this.base.identityOwners,
      emailOwners: this.emailOwners ?? this.base.emailOwners,
    };
  }
}
