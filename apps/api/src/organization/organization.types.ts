import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { TeamKind as DirectoryTeamKind } from '@tandem/directory';

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
