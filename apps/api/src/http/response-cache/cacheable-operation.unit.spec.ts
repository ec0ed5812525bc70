import type { Viewer } from '@tandem/auth';
import { accessClassOf } from './access-class';
import { isCacheableOperation } from './cacheable-operation';

describe('isCacheableOperation', () => {
  it.each([
    ['{ teams { slug } services { slug } }', undefined],
    ['query Q($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to) { value } s: kpiSeries(id: "x", from: $from, to: $to, bucket: WEEK) { bucket } }', undefined],
    ['query A { viewer { role } } query B { reviewMatrix(from: "a", to: "b") { reviews } }', 'B'],
  ])('takes a query of read-model root fields: %s', (query, operationName) => {
    expect(isCacheableOperation(query, operationName)).toBe(true);
  });

  it.each([
    ['mutation { revokeToken(id: "t") { id } }', undefined, 'a mutation'],
    ['subscription { kpisUpdated(from: "a", to: "b") { position } }', undefined, 'a subscription'],
    ['{ teams { slug } viewer { role } }', undefined, 'a root field off the list'],
    ['{ teams: people { totalCount } }', undefined, 'an alias does not make a field listed'],
    ['{ ...F } fragment F on Query { teams { slug } }', undefined, 'a fragment at the root'],
    ['{ kpis(from: "a", to: "b", asOf: "c") { value } }', undefined, 'an as-of (reads past the checkpoint)'],
    ['query A { teams { slug } } query B { teams { slug } }', undefined, 'no operation chosen among several'],
    ['query A { teams { slug } }', 'B', 'an operation name not in the document'],
    ['{ teams { ', undefined, 'a document that does not parse'],
  ] as [string, string | undefined, string][])('refuses %s (%s, %s)', (query, operationName) => {
    expect(isCacheableOperation(query, operationName)).toBe(false);
  });
});

describe('accessClassOf', () => {
  const viewer = (role: Viewer['role'], teams: string[], tokenId = 't1'): Viewer => ({ tokenId, role, teams });

  it("names a lead's teams, in any order, and nothing of a member's or an admin's", () => {
    expect(accessClassOf(viewer('lead', ['sre', 'web']))).toBe(accessClassOf(viewer('lead', ['web', 'sre'], 't2')));
    expect(accessClassOf(viewer('lead', ['sre']))).not.toBe(accessClassOf(viewer('lead', ['web'])));
    expect(accessClassOf(viewer('member', ['sre']))).toBe(accessClassOf(viewer('member', ['web'], 't2')));
    expect(new Set([accessClassOf(viewer('admin', [])), accessClassOf(viewer('member', [])), accessClassOf(viewer('lead', []))]).size).toBe(3);
  });
});
