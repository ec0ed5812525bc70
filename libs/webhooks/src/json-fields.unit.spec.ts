import { identifier, identifierAt, member } from './json-fields';

describe('member', () => {
  it('walks object keys and array indexes', () => {
    expect(member({ a: [{ b: 'x' }] }, 'a', 0, 'b')).toBe('x');
  });

  it('reads a missing step, a primitive or null on the way as absent', () => {
    expect(member({ a: null }, 'a', 'b')).toBeUndefined();
    expect(member({ a: 'text' }, 'a', 'length')).toBeUndefined();
    expect(member([1, 2], 5)).toBeUndefined();
  });

  it('never returns an inherited property (a body may name "constructor" or "__proto__")', () => {
    expect(member({}, 'constructor')).toBeUndefined();
    expect(member(JSON.parse('{"event_type":"toString"}'), 'toString')).toBeUndefined();
    expect(member(JSON.parse('{"__proto__":{"id":"own"}}'), '__proto__', 'id')).toBe('own');
  });
});

describe('identifier', () => {
  it('accepts non-empty strings and finite numbers, as strings', () => {
    expect(identifier('PGR0VU2')).toBe('PGR0VU2');
    expect(identifier(1402)).toBe('1402');
    expect(identifierAt({ issue: { id: 10040 } }, 'issue', 'id')).toBe('10040');
  });

  it.each([[''], [Number.NaN], [Number.POSITIVE_INFINITY], [true], [null], [{ id: 1 }], [['a']], ['x'.repeat(257)]])(
    'reads %p as absent',
    (value) => {
      expect(identifier(value)).toBeUndefined();
    },
  );

  it('accepts an identifier of exactly 256 characters', () => {
    expect(identifier('x'.repeat(256))).toBe('x'.repeat(256));
  });
});
