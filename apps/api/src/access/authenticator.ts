import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { bearerToken, hashApiToken, isWellFormedApiToken, type Viewer } from '@tandem/auth';
import { PUB_SUB, TOKEN_REVOKED_TOPIC, type PubSub, type TokenRevoked } from '@tandem/live-updates';
import { ApiTokenRepository } from '@tandem/persistence';

/**
 * How long a token's viewer is remembered. A revocation through the API is broadcast on the PubSub
 * (Redis in the distributed mode), so every replica forgets the token at once; this bound only
 * covers a token revoked in the token store directly (by hand, or while the broadcast was down).
 */
export const TOKEN_CACHE_MS = 5_000;
/** Beyond this many remembered tokens the cache starts again empty (a flood of tokens cannot grow it). */
const MAX_CACHED_TOKENS = 10_000;

/**
 * Turns an `Authorization` value into the viewer it authenticates, if any. Every request asks, so
 * a valid token's viewer is remembered by the token's hash for TOKEN_CACHE_MS: the token store is
 * read once per token per interval instead of once per request. Unknown tokens are not remembered.
 */
@Injectable()
export class Authenticator implements OnModuleInit, OnModuleDestroy {
  private readonly remembered = new Map<string, { viewer: Viewer; untilMs: number }>();
  private revocations?: AsyncIterableIterator<TokenRevoked>;

  constructor(
    @Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository,
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
  ) {}

  /** Listens for revocations from every replica (this one's included) before the first request. */
  async onModuleInit(): Promise<void> {
    const revocations = await this.pubSub.subscribe<TokenRevoked>(TOKEN_REVOKED_TOPIC);
    this.revocations = revocations;
    void (async () => {
      for await (const revoked of revocations) this.forget(revoked.tokenId);
    })();
  }

  async onModuleDestroy(): Promise<void> {
    await this.revocations?.return?.();
  }

  async viewerFor(authorization: unknown): Promise<Viewer | undefined> {
    const token = typeof authorization === 'string' ? bearerToken(authorization) : undefined;
    if (token === undefined || !isWellFormedApiToken(token)) return undefined;
    const hash = hashApiToken(token);
    const known = this.remembered.get(hash);
    if (known && known.untilMs > Date.now()) return known.viewer;
    const record = await this.tokens.authenticate(token);
    if (!record) {
      this.remembered.delete(hash);
      return undefined;
    }
    const viewer: Viewer = { tokenId: record.id, role: record.role, teams: record.teams, ...(record.personId ? { personId: record.personId } : {}) };
    if (this.remembered.size >= MAX_CACHED_TOKENS) this.remembered.clear();
    this.remembered.set(hash, { viewer, untilMs: Date.now() + TOKEN_CACHE_MS });
    return viewer;
  }

  /** A token was revoked: this replica refuses it at once, and every other one as soon as the broadcast reaches it. */
  async revoked(tokenId: string): Promise<void> {
    this.forget(tokenId);
    await this.pubSub.publish(TOKEN_REVOKED_TOPIC, { tokenId } satisfies TokenRevoked);
  }

  private forget(tokenId: string): void {
    for (const [hash, known] of this.remembered) if (known.viewer.tokenId === tokenId) this.remembered.delete(hash);
  }
}
