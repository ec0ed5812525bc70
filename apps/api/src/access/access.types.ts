import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Role as RoleName } from '@tandem/auth';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';
import { Connection, PageArgs } from '../graphql/pagination/connection';

export enum Role {
  ADMIN = 'admin',
  LEAD = 'lead',
  MEMBER = 'member',
}
registerEnumType(Role, {
  name: 'Role',
  description: "ADMIN: everything. LEAD: their teams' detail. MEMBER: organisation-wide views and the recognition feed.",
});

export function roleOf(role: RoleName): Role {
  const roles: Record<RoleName, Role> = { admin: Role.ADMIN, lead: Role.LEAD, member: Role.MEMBER };
  return roles[role];
}

@ObjectType({ description: 'Who the token of the request is.' })
export class Viewer {
  @Field(() => Role)
  role!: Role;

  @Field(() => [String], { description: "Slugs of the token's teams (a lead's teams, whose detail they see)." })
  teams!: string[];
}

@ObjectType({ description: 'An API token, without its secret.' })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The first characters of the token, e.g. tdm_AbCd….' })
  hint!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => [String])
  teams!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class ApiTokenConnection extends Connection(ApiToken) {}

@ArgsType()
export class ApiTokensArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false })
  includeRevoked!: boolean;
}
