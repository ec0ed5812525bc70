import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { TeamKind as DirectoryTeamKind } from '@tandem/directory';
import { Connection } from '../graphql/pagination/connection';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';

/** GraphQL types of the organisation: plain values made from the directory, never its records. */
export enum TeamKind {
  DEV = 'dev',
  OPS = 'ops',
  SRE = 'sre',
  PLATFORM = 'platform',
  OTHER = 'other',
}
registerEnumType(TeamKind, { name: 'TeamKind', description: 'Dev side: DEV. Ops side: OPS, SRE, PLATFORM. OTHER: neither.' });

export function teamKindOf(kind: DirectoryTeamKind): TeamKind {
  const kinds: Record<DirectoryTeamKind, TeamKind> = {
    dev: TeamKind.DEV,
    ops: TeamKind.OPS,
    sre: TeamKind.SRE,
    platform: TeamKind.PLATFORM,
    other: TeamKind.OTHER,
  };
  return kinds[kind];
}

@ObjectType({ description: 'A person of the organisation; id is their id in tandem.yaml.' })
export class Person {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType()
export class Service {
  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Slug of the Dev team that owns it.' })
  ownedBy!: string;

  @Field(() => String, { nullable: true, description: 'Slug of the Ops-side team that runs it, if another team does.' })
  operatedBy!: string | null;
}

@ObjectType()
export class Team {
  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => TeamKind)
  kind!: TeamKind;
}

@ObjectType({ description: "An identity in a tool linked to a person, and how it came to be: CONFIG (tandem.yaml), BACKSTAGE, EMAIL_MATCH, MANUAL (an admin)." })
export class LinkedIdentity {
  @Field(() => String, { description: 'The tool: github, gitlab, slack, teams, pagerduty, opsgenie, jira, incidentio, git.' })
  source!: string;

  @Field(() => String, { description: "The tool's id: a login, a user id, for git an author email." })
  externalId!: string;

  @Field(() => String)
  rule!: string;
}

@ObjectType()
export class PersonConnection extends Connection(Person) {}

export enum LinkSuggestionRule {
  VERIFIED_EMAIL = 'verified_email',
  EXACT_NAME = 'exact_name',
  SIMILAR_NAME = 'similar_name',
}
registerEnumType(LinkSuggestionRule, {
  name: 'LinkSuggestionRule',
  description: 'Why a person is suggested: VERIFIED_EMAIL (an email the tool verified), EXACT_NAME, SIMILAR_NAME (a typo or a nickname apart).',
});

@ObjectType({ description: 'A known person an unresolved identity may belong to.' })
export class LinkSuggestion {
  @Field(() => Person)
  person!: Person;

  @Field(() => LinkSuggestionRule)
  rule!: LinkSuggestionRule;

  @Field(() => Float, { description: '1 for a verified email, 0.9 for an exact name, 0.5 to 0.8 for a similar name.' })
  confidence!: number;
}

@ObjectType({ description: 'An identity events named that no person is linked to (bots left out): its events count for nobody until it is linked.' })
export class UnresolvedIdentity {
  @Field(() => String)
  source!: string;

  @Field(() => String)
  externalId!: string;

  @Field(() => String, { nullable: true, description: 'The latest name the events gave it.' })
  name!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Null when only an IdentityObserved event recorded it.' })
  firstSeenAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastSeenAt!: Date | null;

  @Field(() => Int, { description: 'How many events named it.' })
  events!: number;
}

@ObjectType()
export class UnresolvedIdentityConnection extends Connection(UnresolvedIdentity) {}

@ObjectType({ description: 'What linkIdentity or unlinkIdentity left: whom the identity belongs to now.' })
export class IdentityLinkResult {
  @Field(() => String)
  source!: string;

  @Field(() => String)
  externalId!: string;

  @Field(() => Person, { nullable: true, description: 'Null once unlinked.' })
  person!: Person | null;

  @Field(() => Boolean, { description: 'False when it already was so: no event was appended.' })
  changed!: boolean;
}

@ObjectType({ description: 'A membership period after changeMembership.' })
export class MembershipChangeResult {
  @Field(() => Person)
  person!: Person;

  @Field(() => String)
  team!: string;

  @Field(() => DateTimeScalar)
  from!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Exclusive; null: still a member. Equal to from: the period was withdrawn.' })
  to!: Date | null;

  @Field(() => Boolean, { description: 'False when the period already was so: no event was appended.' })
  changed!: boolean;
}
