import { Inject, Injectable } from '@nestjs/common';
import { bearerToken, type Viewer } from '@tandem/auth';
import { ApiTokenRepository } from '@tandem/persistence';

/** Turns an `Authorization` value into the viewer it authenticates, if any. */
@Injectable()
export class Authenticator {
  constructor(@Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository) {}

  async viewerFor(authorization: unknown): Promise<Viewer | undefined> {
    const token = typeof authorization === 'string' ? bearerToken(authorization) : undefined;
    const record = token === undefined ? undefined : await this.tokens.authenticate(token);
    return record && { tokenId: record.id, role: record.role, teams: record.teams, ...(record.personId ? { personId: record.personId } : {}) };
  }
}
