import { decodeCursor, encodeCursor } from './cursor';
import { MAX_PAGE_SIZE, pageRequest, toConnection } from './connection';

describe('cursors', () => {
  it('are opaque base64url and decode to their key', () => {
    const cursor = encodeCursor('apiTokens', ['2026-02-01T10:00:00.000Z', 'id-1']);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('apiTokens', cursor)).toEqual(['2026-02-01T10:00:00.000Z', 'id-1']);
  });

  it.each([
    ['another list', encodeCursor('teams', ['x'])],
    ['not base64 JSON', '!!!'],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['empty', ''],
  ])('refuses a cursor of %s with BAD_USER_INPUT', (_case, cursor) => {
    expect(() => decodeCursor('apiTokens', cursor)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });
});

describe('pages', () => {
  it('default to 20 items and accept 0 to 100', () => {
    expect(pageRequest({})).toEqual({ limit: 20, after: undefined });
    expect(pageRequest({ first: 0, after: 'c' })).toEqual({ limit: 0, after: 'c' });
    expect(pageRequest({ first: MAX_PAGE_SIZE })).toEqual({ limit: 100, after: undefined });
  });

  it.each([-1, 101, 1_000_000])('refuses first: %d with BAD_USER_INPUT', (first) => {
    expect(() => pageRequest({ first })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });

  it('build a connection from limit + 1 rows', () => {
    const rows = [1, 2, 3];
    const connection = toConnection(rows, { limit: 2, after: 'c0' }, (row) => ({ n: row }), (row) => `c${row}`);

    expect(connection).toEqual({
      edges: [
        { cursor: 'c1', node: { n: 1 } },
        { cursor: 'c2', node: { n: 2 } },
      ],
      pageInfo: { hasNextPage: true, hasPreviousPage: true, startCursor: 'c1', endCursor: 'c2' },
    });
    expect(toConnection([], { limit: 2 }, String, String).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
