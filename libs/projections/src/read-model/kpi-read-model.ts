import type { Directory } from '@tandem/directory';
import type { EventStore } from '@tandem/eventstore';
import {
  explainKpi,
  KPI_IDS,
  type Granularity,
  type KpiExplanation,
  type KpiId,
  type KpiScope,
  type KpiSeriesPoint,
  type KpiValue,
  type MetricModel,
  type ReviewMatrixCell,
} from '@tandem/metrics';
import { LRUCache } from 'lru-cache';
import { definitionVersions } from '../generations/definitions-version';
import { KPI_PROJECTION } from '../projection-name';
import { ProjectionError, type ProjectionStore } from '../store/projection-store';
import { AsOfModels } from './as-of-models';
import { incidentsOf, pageOf, type IncidentPage, type IncidentSummary } from './incident-list';
import { KpiValueCache } from './kpi-value-cache';
import { ProjectedSnapshots, type Snapshot } from './projected-snapshots';

/** `[from, to)` as ISO-8601 UTC instants. */
export interface KpiWindowQuery {
  from: string;
  to: string;
}

export interface KpisQuery extends KpiWindowQuery {
  scope: KpiScope;
  /** Only what the store had recorded before this instant (late events left out); default: everything projected. */
  asOf?: string;
  /** The definitions version (each KPI's highest version not above it); default: the active generation's. */
  version?: number;
}

export interface KpisOfScopesQuery extends KpiWindowQuery {
  scopes: readonly KpiScope[];
  asOf?: string;
  version?: number;
}

export interface KpiSeriesQuery extends KpiWindowQuery {
  id: KpiId;
  scope: KpiScope;
  bucket: Granularity;
  /** This KPI's definition version; default: the one of the active generation's definitions. */
  version?: number;
}

export interface ExplainQuery extends KpiWindowQuery {
  id: KpiId;
  scope: KpiScope;
  asOf?: string;
  version?: number;
}

export interface ReviewMatrix {
  version: number;
  window: KpiWindowQuery;
  /** All reviews of the window (null: none). */
  reviews: number | null;
  /** Reviewer team → author team counts; teams below the minimum group size left out. */
  cells: ReviewMatrixCell[];
}

export interface IncidentsQuery extends KpiWindowQuery {
  /** Only incidents attributed to this team (through their services, as of their trigger). */
  team?: string;
  /** Page size, 1 … 500. */
  first: number;
  /** `endCursor` of the previous page. */
  after?: string;
}

/** One service's page of incidents (as `incidents`, in the service's scope). */
export interface ServiceIncidentsPage {
  service: string;
  first: number;
  after?: string;
}

export interface ServiceIncidentsQuery extends KpiWindowQuery {
  pages: readonly ServiceIncidentsPage[];
}

export interface ProjectionPosition {
  /** 0 while the projection has no active generation. */
  generation: number;
  definitionsVersion: number;
  /** The active generation's checkpoint: the last global event position its read models include. */
  position: number;
}

export interface KpiReadModelOptions {
  store: ProjectionStore;
  eventStore: EventStore;
  projection?: string;
  /** As-of models kept (each is a whole model). Default 4. */
  asOfCapacity?: number;
  /**
   * Bounded staleness: answer from the snapshot of a checkpoint read as the active one at most this
   * long ago. Default 0: every query reads the checkpoint first and waits for a moved one to be
   * assembled. Above 0 (the API: TANDEM_KPI_MAX_STALENESS_MS), the checkpoint is read again in the
   * background after half of it, and a moved one is assembled and warmed with the values asked in
   * the last minutes while the previous snapshot keeps answering, so a live projection does not
   * make every dashboard wait seconds for the model of a large organisation.
   */
  maxStalenessMs?: number;
}

interface ModelView {
  directory: Directory;
  model: MetricModel;
  definitionsVersion: number;
}

const MAX_INCIDENT_PAGE = 500;

/**
 * The KPI queries, answered from the projection's read models.
 *
 * Queries never scan raw events: the model is assembled from `projection_entity_facts`, one row
 * per entity (an incident, a PR …) already folded by the projector, and the directory's events,
 * and it is assembled once per (generation, checkpoint) and reused by every query until the
 * checkpoint moves; then only the facts rows written since are read. The one exception is
 * `asOf`, which by definition needs the events recorded before an instant (see AsOfModels).
 *
 * Values are kept per model (KpiValueCache): a KPI's samples of a window, collected once for every
 * scope, and each scope's value. A dashboard's page view (18 KPIs and 17 weekly series: ~220
 * (KPI, window) pairs) is computed once per checkpoint, then answered by look-ups for every team.
 *
 * No team-day cubes: the KPIs are medians and rates over items whose window membership, team
 * attribution and links (incident → deployment, PR → deployment) are decided per item, and some
 * depend on the whole window (error budget burn's budget and merged impact intervals,
 * deployment frequency's whole weeks), so day aggregates cannot be added up into a week's value;
 * the metrics core finds a window's items through time indexes of the model instead, and the
 * samples and values of each (KPI, window) asked are kept.
 *
 * Every value names its definition version and window. Errors: MetricsError (unknown KPI version,
 * invalid window) and ProjectionError (invalid as-of, page) are the caller's input errors.
 */
export class KpiReadModel {
  private readonly snapshots: ProjectedSnapshots;
  private readonly asOfModels: AsOfModels;
  private readonly incidentLists = new LRUCache<string, IncidentSummary[]>({ max: 32 });
  private readonly servicesOfLists = new WeakMap<IncidentSummary[], Map<string, IncidentSummary[]>>();
  private readonly values = new KpiValueCache();
  private readonly versionsOfDefinitions = new Map<number, Record<KpiId, number>>();

  constructor(options: KpiReadModelOptions) {
    this.snapshots = new ProjectedSnapshots(options.store, options.projection ?? KPI_PROJECTION, {
      maxStalenessMs: options.maxStalenessMs,
      prepare: (next) => this.values.warm(next),
    });
    this.asOfModels = new AsOfModels(options.eventStore, options.asOfCapacity);
  }

  /** Every KPI for one scope and window. */
  async kpis(query: KpisQuery): Promise<KpiValue[]> {
    return this.kpisOfScopes({ ...query, scopes: [query.scope] });
  }

  /** Every KPI for several scopes and one window (a dashboard, the gauges): each KPI's samples are collected once. */
  async kpisOfScopes(query: KpisOfScopesQuery): Promise<KpiValue[]> {
    const view = await this.view(query.asOf);
    const versions = this.definitionVersions(query.version ?? view.definitionsVersion);
    const window = windowOf(query);
    return KPI_IDS.flatMap((id) => this.values.values(view, { id, version: versions[id], window }, query.scopes, query.asOf === undefined));
  }

  /** One KPI per calendar bucket (day, week from Monday, month) of the organisation's time zone; the ends cut to the window. */
  async kpiSeries(query: KpiSeriesQuery): Promise<readonly KpiSeriesPoint[]> {
    const view = await this.view();
    return this.values.series(view, { id: query.id, version: this.versionOf(query.id, view, query.version), window: windowOf(query) }, query.bucket, query.scope);
  }

  /** Reviews from each team to each team in the window (the organisation's `review_matrix`). */
  async reviewMatrix(query: KpiWindowQuery & { version?: number }): Promise<ReviewMatrix> {
    const view = await this.view();
    const ask = { id: 'review_matrix' as const, version: this.versionOf('review_matrix', view, query.version), window: windowOf(query) };
    const [value] = this.values.values(view, ask, [{ kind: 'organization' }], true);
    return { version: value.version, window: windowOf(query), reviews: value.value, cells: value.extras?.matrix ?? [] };
  }

  /** The incidents triggered in the window (of a team, or all), earliest first, with milestones and links; keyset-paged. */
  async incidents(query: IncidentsQuery): Promise<IncidentPage> {
    requirePageSize(query.first);
    const snapshot = await this.snapshots.latest();
    return pageOf(this.incidentList(snapshot, query, query.team), query.first, query.after);
  }

  /**
   * Pages of several services' incidents of one window (each as `incidents` in the service's scope:
   * the incidents touching the service), cut from the organisation's list of the window, so that a
   * nested query's services cost one list.
   */
  async serviceIncidents(query: ServiceIncidentsQuery): Promise<IncidentPage[]> {
    for (const page of query.pages) requirePageSize(page.first);
    const snapshot = await this.snapshots.latest();
    const byService = this.incidentsByService(this.incidentList(snapshot, query));
    return query.pages.map((page) => pageOf(byService.get(page.service) ?? [], page.first, page.after));
  }

  /** "Explain this number": the value with the facts behind it, their milestones, links and events. */
  async explain(query: ExplainQuery): Promise<KpiExplanation> {
    const view = await this.view(query.asOf);
    return explainKpi(query.id, view.model, { directory: view.directory, scope: query.scope, window: windowOf(query) }, this.versionOf(query.id, view, query.version));
  }

  /** The active generation and its checkpoint (one small query; assembles nothing). */
  async position(): Promise<ProjectionPosition> {
    const active = await this.snapshots.active();
    return active
      ? { generation: active.generation, definitionsVersion: active.definitionsVersion, position: active.position }
      : { generation: 0, definitionsVersion: (await this.snapshots.latest()).definitionsVersion, position: 0 };
  }

  /**
   * The checkpoint the queries are answered from now: the snapshot they would read (within
   * maxStalenessMs, reading the checkpoint as a query would), not the store's active one. Answers
   * kept by it are the same for as long as it is (the snapshot is immutable).
   */
  async answeringPosition(): Promise<ProjectionPosition> {
    const { generation, definitionsVersion, position } = await this.snapshots.latest();
    return { generation, definitionsVersion, position };
  }

  /** The organisation (teams, people, services, settings) as the projection has it. */
  async directory(): Promise<Directory> {
    return (await this.snapshots.latest()).directory;
  }

  private async view(asOf?: string): Promise<ModelView> {
    const snapshot = await this.snapshots.latest();
    if (asOf === undefined) return snapshot;
    const past = await this.asOfModels.at(asOf);
    return { directory: past.directory, model: past.model, definitionsVersion: snapshot.definitionsVersion };
  }

  /** The window's incidents of a team, or all, kept per (generation, checkpoint, version, window, team). */
  private incidentList(snapshot: Snapshot, window: KpiWindowQuery, team?: string): IncidentSummary[] {
    const version = this.versionOf('time_to_acknowledge', snapshot);
    const listKey = JSON.stringify([snapshot.generation, snapshot.position, version, window.from, window.to, team ?? null]);
    let items = this.incidentLists.get(listKey);
    if (!items) {
      const scope: KpiScope = team === undefined ? { kind: 'organization' } : { kind: 'team', team };
      items = incidentsOf(snapshot.model, snapshot.directory, scope, windowOf(window), version);
      this.incidentLists.set(listKey, items);
    }
    return items;
  }

  /** A list's incidents per service they touch, in the list's order; kept with the list. */
  private incidentsByService(items: IncidentSummary[]): Map<string, IncidentSummary[]> {
    let byService = this.servicesOfLists.get(items);
    if (byService === undefined) {
      byService = new Map();
      for (const item of items) {
        for (const service of new Set(item.services)) {
          const list = byService.get(service);
          if (list === undefined) byService.set(service, [item]);
          else list.push(item);
        }
      }
      this.servicesOfLists.set(items, byService);
    }
    return byService;
  }

  private versionOf(id: KpiId, view: Pick<ModelView, 'definitionsVersion'>, asked?: number): number {
    return asked ?? this.definitionVersions(view.definitionsVersion)[id];
  }

  /** `definitionVersions`, remembered: every series of a dashboard asks it. */
  private definitionVersions(version: number): Record<KpiId, number> {
    let versions = this.versionsOfDefinitions.get(version);
    if (versions === undefined) this.versionsOfDefinitions.set(version, (versions = definitionVersions(version)));
    return versions;
  }
}

function requirePageSize(first: number): void {
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_INCIDENT_PAGE) {
    throw new ProjectionError('PROJECTION_INVALID_PAGE', `first must be 1 … ${MAX_INCIDENT_PAGE}; got ${first}`);
  }
}

function windowOf(query: KpiWindowQuery): KpiWindowQuery {
  return { from: query.from, to: query.to };
}
