import { normalizeEmail } from '../model/identity-keys';
import {
  TEAM_KINDS,
  type OrganizationModel,
  type PersonDefinition,
  type ServiceDefinition,
  type TeamDefinition,
  type TeamKind,
} from '../model/organization-model';
import type { OrganizationFileIssue } from '../organization-file/organization-file-error';
import { ANNOTATIONS, componentRefs, userIdentities } from './annotations';
import type { CatalogEntities, ComponentEntity, GroupEntity, Located, UserEntity } from './catalog-entities';
import { parseEntityRef, tandemIdOf } from './entity-ref';

function isTeamKind(value: string | undefined): value is TeamKind {
  return (TEAM_KINDS as readonly (string | undefined)[]).includes(value);
}

/** Group kinds: the annotation, else a spec.type that is a kind, else teams get the default and org units `other`. */
function teamKindOf(group: GroupEntity, defaultKind: TeamKind): TeamKind {
  const annotated = group.metadata.annotations[ANNOTATIONS.teamKind];
  if (isTeamKind(annotated)) return annotated;
  const type = group.spec.type.toLowerCase();
  if (isTeamKind(type)) return type;
  return type === 'team' ? defaultKind : 'other';
}

function namespaceOf(entity: GroupEntity | UserEntity | ComponentEntity): string {
  return (entity.metadata.namespace ?? 'default').toLowerCase();
}

function idOf(entity: GroupEntity | UserEntity | ComponentEntity): string {
  return tandemIdOf({ namespace: namespaceOf(entity), name: entity.metadata.name });
}

/** Maps the entities of a whole catalog, so references resolve whatever file they are in. */
export class CatalogMapper {
  readonly skipped: OrganizationFileIssue[] = [];
  private readonly teams: TeamDefinition[];
  private readonly teamSlugs: ReadonlySet<string>;
  private readonly emails = new Map<string, string>();
  private readonly people: PersonDefinition[] = [];

  constructor(
    private readonly entities: CatalogEntities,
    private readonly membershipsFrom: string,
    defaultKind: TeamKind,
  ) {
    this.teamSlugs = new Set(entities.groups.map((group) => idOf(group.entity)));
    this.teams = entities.groups.map(({ entity }) => ({
      slug: idOf(entity),
      name: entity.spec.profile?.displayName ?? entity.metadata.title ?? entity.metadata.name,
      kind: teamKindOf(entity, defaultKind),
      parentSlug: (entity.spec.parent && this.teamSlugOf(entity.spec.parent, namespaceOf(entity))) ?? null,
      workingHours: null,
    }));
  }

  /** The team slug a reference names, if it is a Group of this catalog. */
  private teamSlugOf(ref: string, namespace: string): string | undefined {
    const parsed = parseEntityRef(ref, 'group', namespace);
    const slug = tandemIdOf(parsed);
    return parsed.kind === 'group' && this.teamSlugs.has(slug) ? slug : undefined;
  }

  /** Users before Components: a Component owned by a User takes that user's team. */
  map(): Pick<OrganizationModel, 'teams' | 'people' | 'services'> {
    const people = this.mapUsers();
    return { teams: this.teams, people, services: this.mapComponents() };
  }

  private mapUsers(): PersonDefinition[] {
    for (const located of this.entities.users) {
      const { metadata, spec } = located.entity;
      const id = idOf(located.entity);
      const memberships = spec.memberOf.flatMap((ref, index) => {
        const team = this.teamSlugOf(ref, namespaceOf(located.entity));
        if (team !== undefined) return [{ team, from: this.membershipsFrom, to: null }];
        this.skipped.push(located.locator.issue(['spec', 'memberOf', index], `"${ref}" is not a Group of this catalog; membership skipped`));
        return [];
      });
      this.people.push({
        id,
        name: spec.profile?.displayName?.trim() || metadata.title || metadata.name,
        email: this.claimEmail(spec.profile?.email, id, located),
        identities: userIdentities(metadata.annotations),
        memberships,
        workingHours: null,
        bot: metadata.annotations[ANNOTATIONS.bot] === 'true',
        optOutOfAutomaticRecognition: false,
      });
    }
    return this.people;
  }

  /** An email resolves to one person only: a second user with it keeps no email. */
  private claimEmail(email: string | undefined, personId: string, located: Located<UserEntity>): string | null {
    if (!email) return null;
    const owner = this.emails.get(normalizeEmail(email));
    if (owner === undefined) {
      this.emails.set(normalizeEmail(email), personId);
      return email;
    }
    this.skipped.push(located.locator.issue(['spec', 'profile', 'email'], `email "${email}" already belongs to ${owner}; not linked to ${personId}`));
    return null;
  }

  /** A Component owned by a User belongs to that user's first team. */
  private owningTeamOf(located: Located<ComponentEntity>): string | undefined {
    const { owner } = located.entity.spec;
    const ref = parseEntityRef(owner, 'group', namespaceOf(located.entity));
    const team =
      ref.kind === 'user'
        ? this.people.find((person) => person.id === tandemIdOf(ref))?.memberships[0]?.team
        : this.teamSlugOf(owner, namespaceOf(located.entity));
    if (team === undefined) {
      this.skipped.push(located.locator.issue(['spec', 'owner'], `owner "${owner}" is neither a Group nor a User with a team in this catalog; component skipped`));
    }
    return team;
  }

  private operatingTeamOf(located: Located<ComponentEntity>): string | null {
    const operator = located.entity.metadata.annotations[ANNOTATIONS.operatedBy];
    if (!operator) return null;
    const team = this.teamSlugOf(operator, namespaceOf(located.entity));
    if (team === undefined) {
      this.skipped.push(located.locator.issue(['metadata', 'annotations', ANNOTATIONS.operatedBy], `"${operator}" is not a Group of this catalog; operator skipped`));
    }
    return team ?? null;
  }

  private mapComponents(): ServiceDefinition[] {
    return this.entities.components.flatMap((located) => {
      const ownedBy = this.owningTeamOf(located);
      if (ownedBy === undefined) return [];
      const { metadata } = located.entity;
      return [
        {
          slug: idOf(located.entity),
          name: metadata.title ?? null,
          ownedBy,
          operatedBy: this.operatingTeamOf(located),
          ...componentRefs(metadata.annotations),
          incidentServices: [],
          slo: null,
        },
      ];
    });
  }
}
