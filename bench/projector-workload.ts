import type { CanonicalEvent, NewEvent } from '@tandem/contracts';
import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';
import type { EventStore, StreamAppend } from '@tandem/eventstore';
import { entityKeyOf } from '@tandem/metrics';
import { metricsOrganizationYaml, metricsWorkload } from './metrics-workload';

/** 13 weeks: a copy of the quarter shifted by it starts after the quarter ends, on the same weekdays. */
const COPY_SHIFT_MS = 91 * 86_400_000;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** Fields naming an entity (or a thread, a review): renamed per copy so each copy has entities of its own. */
const ID_FIELDS = new Set(['incidentId', 'pageId', 'deploymentId', 'revertsDeploymentId', 'postmortemId', 'actionItemId', 'messageId', 'threadRootId', 'reviewId', 'headRef']);
const SHA_FIELDS = new Set(['sha', 'headSha', 'beforeSha', 'afterSha', 'mergeCommitSha']);

/**
 * The metrics benchmark's quarter of a 500-person organisation (~500,000 events, bench/metrics-
 * workload.ts), repeated quarter after quarter until `total` events: copy k is the quarter shifted
 * by k × 13 weeks with its incidents, pages, PRs, deployments, commits and threads renamed, so a
 * million events are two quarters of the same organisation, not the same entities twice.
 */
export function projectorWorkload(total: number): CanonicalEvent[] {
  const quarter = metricsWorkload();
  const events: CanonicalEvent[] = [];
  for (let copy = 0; events.length < total; copy += 1) {
    for (const event of quarter) {
      if (events.length >= total) break;
      events.push(copyOf(event, copy, events.length));
    }
  }
  return events;
}

/** `count` events after the workload (the next copy), for the live phase. */
export function liveWorkload(workloadSize: number, count: number): CanonicalEvent[] {
  const quarter = metricsWorkload();
  const copy = Math.ceil(workloadSize / quarter.length) + 1;
  return quarter.slice(0, count).map((event, index) => copyOf(event, copy, workloadSize + index));
}

/** The benchmark organisation's directory events, as `tandem org apply` appends them. */
export function organizationAppends(): StreamAppend[] {
  const planned = planDirectoryChanges(Directory.empty(), parseOrganization(metricsOrganizationYaml()), { at: '2025-01-01T00:00:00Z', by: 'bench' });
  return planned.map(({ streamId, event }) => ({ streamId, events: [event as unknown as NewEvent] }));
}

/** Appends events in chunks of `chunk`, one appendMany per chunk with an entry per entity stream. */
export async function appendWorkload(store: EventStore, events: readonly CanonicalEvent[], chunk = 5_000): Promise<void> {
  for (let start = 0; start < events.length; start += chunk) await store.appendMany(appendsOf(events.slice(start, start + chunk)));
}

export function appendsOf(events: readonly CanonicalEvent[]): StreamAppend[] {
  const byStream = new Map<string, NewEvent[]>();
  for (const event of events) {
    const streamId = `bench-${entityKeyOf(event) ?? event.type}`;
    const stored: NewEvent = { eventId: event.eventId, type: event.type, data: event.data as unknown as NewEvent['data'], metadata: event.metadata };
    const group = byStream.get(streamId);
    if (group) group.push(stored);
    else byStream.set(streamId, [stored]);
  }
  return [...byStream].map(([streamId, streamEvents]) => ({ streamId, events: streamEvents }));
}

function copyOf(event: CanonicalEvent, copy: number, index: number): CanonicalEvent {
  const eventId = `00000000-0000-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;
  if (copy === 0) return { ...event, eventId };
  return { ...event, eventId, data: renamed(event.data, copy, ''), metadata: renamed(event.metadata, copy, '') } as CanonicalEvent;
}

function renamed(value: unknown, copy: number, key: string, parentKey = ''): unknown {
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return new Date(Date.parse(value) + copy * COPY_SHIFT_MS).toISOString();
    if (ID_FIELDS.has(key) || (key === 'id' && parentKey === 'incident') || (value.startsWith('CINC') && (key === 'channelId' || key === 'id'))) return `${value}-c${copy}`;
    // Generated shas end in zeros: the copy number there keeps them unique and still sha-shaped.
    if (SHA_FIELDS.has(key) || parentKey === 'shas') return `${value.slice(0, 36)}${copy.toString(16).padStart(4, '0')}`;
    return value;
  }
  if (typeof value === 'number') return key === 'number' ? value + copy * 1_000_000 : value;
  if (Array.isArray(value)) return value.map((item) => renamed(item, copy, key, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, renamed(item, copy, field, key)]));
  }
  return value;
}
