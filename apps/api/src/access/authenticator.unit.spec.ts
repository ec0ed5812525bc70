import { generateApiToken, hashApiToken } from '@tandem/auth';
import { InMemoryPubSub } from '@tandem/live-updates';
import type { ApiTokenRecord, ApiTokenRepository } from '@tandem/persistence';
import { Authenticator, TOKEN_CACHE_MS } from './authenticator';

/** A token store in memory that counts its lookups; `revoke` marks a token revoked as the real one does. */
function tokenStore(records: ApiTokenRecord[]) {
  const store = {
    lookups: 0,
    async authenticate(token: string): Promise<ApiTokenRecord | undefined> {
      store.lookups += 1;
      const record = records.find((candidate) => candidate.tokenHash === hashApiToken(token));
      return record?.revokedAt === null ? record : undefined;
    },
    revoke(id: string): void {
      for (const record of records) if (record.id === id) record.revokedAt = new Date();
    },
  };
  return store;
}

function recordOf(token: string, id: string): ApiTokenRecord {
  return { id, tokenHash: hashApiToken(token), hint: 'tdm_…', role: 'member', teams: ['payments'], personId: 'ana', createdAt: new Date(), revokedAt: null };
}

describe('Authenticator', () => {
  const token = generateApiToken();
  let store: ReturnType<typeof tokenStore>;
  let authenticator: Authenticator;
  let pubSub: InMemoryPubSub;
  const running: Authenticator[] = [];

  async function startAuthenticator(tokens: ReturnType<typeof tokenStore>): Promise<Authenticator> {
    const instance = new Authenticator(tokens as unknown as ApiTokenRepository, pubSub);
    await instance.onModuleInit();
    running.push(instance);
    return instance;
  }

  beforeEach(async () => {
    jest.useFakeTimers({ now: Date.parse('2026-03-02T10:00:00Z') });
    pubSub = new InMemoryPubSub();
    store = tokenStore([recordOf(token, 'token-1')]);
    authenticator = await startAuthenticator(store);
  });
  afterEach(async () => {
    for (const each of running.splice(0)) await each.onModuleDestroy();
    await pubSub.close();
    jest.useRealTimers();
  });

  it("reads the token store once per token per interval, and gives the token's viewer", async () => {
    const viewer = { tokenId: 'token-1', role: 'member', teams: ['payments'], personId: 'ana' };
    for (let request = 0; request < 5; request += 1) expect(await authenticator.viewerFor(`Bearer ${token}`)).toEqual(viewer);
    expect(store.lookups).toBe(1);
    jest.advanceTimersByTime(TOKEN_CACHE_MS);
    expect(await authenticator.viewerFor(`Bearer ${token}`)).toEqual(viewer);
    expect(store.lookups).toBe(2);
  });

  it('refuses a token revoked in the store by hand within the interval', async () => {
    await authenticator.viewerFor(`Bearer ${token}`);
    store.revoke('token-1');
    expect(await authenticator.viewerFor(`Bearer ${token}`)).toBeDefined();
    jest.advanceTimersByTime(TOKEN_CACHE_MS);
    expect(await authenticator.viewerFor(`Bearer ${token}`)).toBeUndefined();
  });

  it('refuses a token revoked through the API at once, here and on a replica that heard the broadcast', async () => {
    const replica = await startAuthenticator(store);
    expect(await authenticator.viewerFor(`Bearer ${token}`)).toBeDefined();
    expect(await replica.viewerFor(`Bearer ${token}`)).toBeDefined();

    store.revoke('token-1');
    await authenticator.revoked('token-1');
    await Promise.resolve(); // the in-memory broadcast is delivered on the next tick, as Redis delivers it later

    expect(await authenticator.viewerFor(`Bearer ${token}`)).toBeUndefined();
    expect(await replica.viewerFor(`Bearer ${token}`)).toBeUndefined();
  });

  it('never remembers an unknown or malformed token', async () => {
    const unknown = generateApiToken();
    expect(await authenticator.viewerFor(`Bearer ${unknown}`)).toBeUndefined();
    expect(await authenticator.viewerFor(`Bearer ${unknown}`)).toBeUndefined();
    expect(store.lookups).toBe(2);
    expect(await authenticator.viewerFor('Bearer not-a-token')).toBeUndefined();
    expect(await authenticator.viewerFor(undefined)).toBeUndefined();
    expect(store.lookups).toBe(2);
  });
});
