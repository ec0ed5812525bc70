import { ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { canonicalJson, referenceCanonicalJson } from './canonical-json';
import { EVENT_SCHEMAS, EVENT_TYPES } from './events';
import { fastCanonicalJson } from './fast-canonical-json';

/**
 * The fast path must agree with the library's round trip on everything it accepts, for every
 * event type (so a field added to a schema is covered by itself). Data is generated from the
 * descriptors, from a fixed seed: well-typed values, and values of every kind the reference
 * refuses or rewrites (zero values, -0, numbers as strings, proto names, nulls, offsets, fractions).
 */

/** mulberry32: a small deterministic generator, so a failure replays. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TIMESTAMPS = [
  '2024-03-01T10:00:00Z',
  '2024-03-01T10:00:00+01:00',
  '2024-03-01T00:30:00-05:30',
  '2024-03-01T10:00:00.1Z',
  '2024-03-01T10:00:00.120Z',
  '2024-03-01T10:00:00.000Z',
  '2024-03-01T10:00:00.123456+02:00',
  '2024-03-01T10:00:00.000100Z',
  '2024-03-01T10:00:00.123456789Z',
  '2018-07-12T18:36:58.000200Z',
  '1969-12-31T23:59:59.5Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999999999Z',
];
/** Read by Date.parse's rules (Feb 30 is Mar 1, 24:00 the next day) or out of range: the reference decides. */
const EDGE_TIMESTAMPS = ['2024-02-30T10:00:00Z', '2024-03-01T24:00:00Z', '9999-12-31T23:59:59-01:00', '0000-12-31T23:59:59Z'];
const BAD_TIMESTAMPS = ['yesterday', '2024-03-01 10:00:00Z', '2024-03-01T10:00:00z', '2024-03-01T10:00:00.1234567890Z', '', 1_700_000_000, new Date(0)];
const STRINGS = ['a', 'Ana Çelik', 'déploiement 🚀', 'x'.repeat(300), 'P1', 'acme/payments'];
const ODD_STRINGS = ['', '\ud800 lone', 5, true];

interface Generator {
  random: () => number;
  /** Only well-typed values, by JSON name: what normalizers produce. */
  plain: boolean;
}

function pick<T>(generator: Generator, values: readonly T[]): T {
  return values[Math.floor(generator.random() * values.length)];
}

function chance(generator: Generator, probability: number): boolean {
  return generator.random() < probability;
}

function messageData(message: DescMessage, generator: Generator, depth: number): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const oneofMembersSet = new Map<unknown, number>();
  for (const field of message.fields) {
    if (!chance(generator, 0.75)) continue;
    if (field.oneof) {
      const set = oneofMembersSet.get(field.oneof) ?? 0;
      if (set > 0 && (generator.plain || chance(generator, 0.7))) continue;
      oneofMembersSet.set(field.oneof, set + 1);
    }
    const key = generator.plain || chance(generator, 0.8) ? field.jsonName : field.name;
    data[key] = fieldData(field, generator, depth);
    if (!generator.plain && field.name !== field.jsonName && chance(generator, 0.03)) data[field.name] = fieldData(field, generator, depth);
  }
  if (!generator.plain && chance(generator, 0.03)) data.unknownMember = 'x';
  return data;
}

function fieldData(field: DescField, generator: Generator, depth: number): unknown {
  if (!generator.plain && chance(generator, 0.05)) return pick(generator, [null, undefined]);
  if (field.fieldKind === 'list') {
    if (!generator.plain && chance(generator, 0.05)) return pick(generator, ['not a list', [null], [undefined], {}]);
    const length = pick(generator, [0, 1, 2, 3]);
    return Array.from({ length }, () => itemData(field, generator, depth));
  }
  return itemData(field, generator, depth);
}

function itemData(field: DescField, generator: Generator, depth: number): unknown {
  switch (field.fieldKind === 'list' ? field.listKind : field.fieldKind) {
    case 'message': {
      const message = (field as { message: DescMessage }).message;
      if (message.typeName === 'google.protobuf.Timestamp') {
        if (generator.plain) return pick(generator, TIMESTAMPS);
        return chance(generator, 0.1) ? pick(generator, [...EDGE_TIMESTAMPS, ...BAD_TIMESTAMPS]) : pick(generator, TIMESTAMPS);
      }
      if (!generator.plain && chance(generator, 0.05)) return pick(generator, ['an id', [], 3]);
      return depth > 4 ? {} : messageData(message, generator, depth + 1);
    }
    case 'enum': {
      const values = (field as { enum: { values: { name: string; number: number }[] } }).enum.values;
      if (!generator.plain && chance(generator, 0.1)) return pick(generator, [values[1]?.number ?? 0, 'NOT_A_VALUE', 0]);
      return pick(generator, values).name;
    }
    case 'scalar':
      return scalarData((field as { scalar: ScalarType }).scalar, generator);
  }
}

function scalarData(scalar: ScalarType, generator: Generator): unknown {
  const odd = !generator.plain && chance(generator, 0.15);
  switch (scalar) {
    case ScalarType.STRING:
      return odd ? pick(generator, ODD_STRINGS) : pick(generator, generator.plain ? [...STRINGS, ''] : STRINGS);
    case ScalarType.BOOL:
      return odd ? pick(generator, ['true', 1]) : chance(generator, 0.5);
    case ScalarType.UINT32:
    case ScalarType.INT32:
      return odd ? pick(generator, [-0, -1, 1.5, '42', 4_294_967_296, Number.NaN]) : pick(generator, [0, 1, 42, 3_600, 2_147_483_647]);
    case ScalarType.DOUBLE:
      return odd ? pick(generator, [-0, 'NaN', '0.5', Number.POSITIVE_INFINITY]) : pick(generator, [0, 0.999, 99.95, -3, 1e21]);
    default:
      return 'unexpected scalar';
  }
}

describe('fastCanonicalJson', () => {
  it('agrees with the library round trip on whatever it accepts, for every event type', () => {
    const generator = { random: randomFrom(20_240_301), plain: false };
    let declined = 0;
    let accepted = 0;
    for (const type of EVENT_TYPES) {
      const schema: DescMessage = EVENT_SCHEMAS[type];
      for (let sample = 0; sample < 150; sample++) {
        const data = messageData(schema, generator, 0);
        const fast = fastCanonicalJson(schema, data);
        if (fast === undefined) {
          declined++;
          continue;
        }
        accepted++;
        const reference = referenceCanonicalJson(schema, data, type);
        if (!reference.ok) throw new Error(`fast path accepted what the reference refuses (${reference.reason}): ${JSON.stringify(data)}`);
        // Key order too: the stored JSON text is the same either way.
        expect(JSON.stringify(fast)).toBe(JSON.stringify(reference.value));
        expect(fast).toEqual(reference.value);
      }
    }
    // Both paths are exercised by the mixed data.
    expect(accepted).toBeGreaterThan(1_000);
    expect(declined).toBeGreaterThan(1_000);
  });

  it('takes every well-typed input (what normalizers produce) without the library', () => {
    const generator = { random: randomFrom(7), plain: true };
    for (const type of EVENT_TYPES) {
      const schema: DescMessage = EVENT_SCHEMAS[type];
      for (let sample = 0; sample < 50; sample++) {
        const data = messageData(schema, generator, 0);
        const fast = fastCanonicalJson(schema, data);
        const reference = referenceCanonicalJson(schema, data, type);
        expect(reference.ok && reference.value).toEqual(fast);
      }
    }
  });

  it('declines, so the reference names the problem, for each kind of bad value', () => {
    const schema = EVENT_SCHEMAS.IncidentDeclared;
    const good = { tool: 'pagerduty', incidentId: 'P1', declaredAt: '2024-03-01T10:00:00+01:00', severity: 'SEVERITY_SEV2' };
    expect(fastCanonicalJson(schema, good)).toEqual({ tool: 'pagerduty', incidentId: 'P1', severity: 'SEVERITY_SEV2', declaredAt: '2024-03-01T09:00:00Z' });
    for (const bad of [
      { ...good, incidentId: 42 },
      { ...good, severity: 'SEV2' },
      { ...good, declaredAt: 'yesterday' },
      { ...good, declaredAt: new Date(0) },
      { ...good, text: 'db is down' },
      { ...good, incident_id: 'P2' },
      { ...good, serviceIds: ['a', null] },
      { ...good, channel: 'C1' },
      Object.assign(Object.create({ inherited: true }) as object, good),
    ]) {
      expect(fastCanonicalJson(schema, bad)).toBeUndefined();
      expect(canonicalJson(schema, bad, 'IncidentDeclared')).toEqual(referenceCanonicalJson(schema, bad, 'IncidentDeclared'));
      expect(canonicalJson(schema, bad, 'IncidentDeclared').ok).toBe(false);
    }
    // Valid, but not the plain case: an enum by number.
    expect(fastCanonicalJson(schema, { ...good, severity: 2 })).toBeUndefined();
    expect(canonicalJson(schema, { ...good, severity: 2 }, 'IncidentDeclared')).toEqual({ ok: true, value: fastCanonicalJson(schema, good) });
  });
});
