import { apiTokenHint, bearerToken, canSeeTeamDetail, generateApiToken, hashApiToken, isRole, isWellFormedApiToken, type Viewer } from './index';

describe('API tokens', () => {
  it('are 256 random bits behind a recognisable prefix, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 100 }, generateApiToken));

    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
      expect(isWellFormedApiToken(token)).toBe(true);
    }
  });

  it('are stored as their SHA-256 and shown by a hint only', () => {
    const token = 'tdm_AAAAbbbbCCCCddddEEEEffffGGGGhhhhIIIIjjjjKKK';

    expect(hashApiToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashApiToken(token)).not.toBe(hashApiToken(`${token.slice(0, -1)}L`));
    expect(apiTokenHint(token)).toBe('tdm_AAAA…');
  });

  it('refuses what cannot be a token before any look-up', () => {
    for (const candidate of ['', 'tdm_', 'tdm_short', `ghp_${'a'.repeat(43)}`, `tdm_${'a'.repeat(42)}!`, `tdm_${'a'.repeat(44)}`]) {
      expect(isWellFormedApiToken(candidate)).toBe(false);
    }
  });

  it('reads the bearer token of an Authorization header', () => {
    expect(bearerToken('Bearer tdm_x')).toBe('tdm_x');
    expect(bearerToken('bearer   tdm_x ')).toBe('tdm_x');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('visibility of team detail', () => {
  const viewer = (role: Viewer['role'], teams: string[] = []): Viewer => ({ tokenId: 't', role, teams });

  it('lets admins see every team, leads their own teams, members none', () => {
    expect(canSeeTeamDetail(viewer('admin'), 'payments')).toBe(true);
    expect(canSeeTeamDetail(viewer('admin'), undefined)).toBe(true);
    expect(canSeeTeamDetail(viewer('lead', ['payments']), 'payments')).toBe(true);
    expect(canSeeTeamDetail(viewer('lead', ['payments']), 'sre')).toBe(false);
    expect(canSeeTeamDetail(viewer('lead', ['payments']), undefined)).toBe(false);
    expect(canSeeTeamDetail(viewer('member', ['payments']), 'payments')).toBe(false);
  });

  it('knows the three roles', () => {
    expect(['admin', 'lead', 'member', 'owner'].filter(isRole)).toEqual(['admin', 'lead', 'member']);
  });
});
