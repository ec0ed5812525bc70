import { randomUUID } from 'node:crypto';
import { Brackets, IsNull, type DataSource, type Repository } from 'typeorm';
import { apiTokenHint, generateApiToken, hashApiToken, isWellFormedApiToken, type Role } from '@tandem/auth';
import { ApiTokenTable, type ApiTokenRecord } from './auth-tables';

export interface IssuedApiToken {
  /** The secret: shown once, never stored. */
  token: string;
  record: ApiTokenRecord;
}

/** A page of the listing, newest first; `after` is the last row of the previous page. */
export interface ApiTokenPageRequest {
  limit: number;
  after?: Pick<ApiTokenRecord, 'createdAt' | 'id'>;
  includeRevoked: boolean;
}

export type Clock = () => Date;

/** The API tokens: issued with a role (and teams), looked up by hash, revoked, listed. */
export class ApiTokenRepository {
  private readonly rows: Repository<ApiTokenRecord>;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock = () => new Date(),
  ) {
    this.rows = dataSource.getRepository(ApiTokenTable);
  }

  async issue(grant: { role: Role; teams: readonly string[]; personId?: string }): Promise<IssuedApiToken> {
    const token = generateApiToken();
    const record: ApiTokenRecord = {
      id: randomUUID(),
      tokenHash: hashApiToken(token),
      hint: apiTokenHint(token),
      role: grant.role,
      teams: [...grant.teams],
      personId: grant.personId ?? null,
      createdAt: this.clock(),
      revokedAt: null,
    };
    await this.rows.insert(record);
    return { token, record };
  }

  /** The live token this secret is; undefined for a malformed, unknown or revoked one. One indexed look-up. */
  async authenticate(token: string): Promise<ApiTokenRecord | undefined> {
    if (!isWellFormedApiToken(token)) return undefined;
    const record = await this.rows.findOneBy({ tokenHash: hashApiToken(token) });
    return record?.revokedAt === null ? record : undefined;
  }

  /** Revokes the token (revoking twice keeps the first time); undefined when there is no such token. */
  async revoke(id: string): Promise<ApiTokenRecord | undefined> {
    const revokedAt = this.clock();
    await this.rows.update({ id, revokedAt: IsNull() }, { revokedAt });
    return (await this.rows.findOneBy({ id })) ?? undefined;
  }

  async page(request: ApiTokenPageRequest): Promise<ApiTokenRecord[]> {
    const query = this.rows.createQueryBuilder('token').orderBy('token.createdAt', 'DESC').addOrderBy('token.id', 'DESC').take(request.limit);
    if (!request.includeRevoked) query.andWhere('token.revokedAt IS NULL');
    const after = request.after;
    if (after) {
      query.andWhere(
        new Brackets((older) =>
          older
            .where('token.createdAt < :createdAt', { createdAt: after.createdAt })
            .orWhere(new Brackets((tie) => tie.where('token.createdAt = :createdAt').andWhere('token.id < :id', { id: after.id }))),
        ),
      );
    }
    return query.getMany();
  }
}
