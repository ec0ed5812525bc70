import type { Directory } from '@tandem/directory';
import type { EventStore } from '@tandem/eventstore';
import {
  computeKpi,
  computeKpis,
  explainKpi,
  kpiSeries,
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
import { ProjectedSnapshots } from './projected-snapshots';

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
   * Answer from a model assembled at most this long ago without looking for a newer checkpoint.
   * Default 0: every query sees the latest checkpoint. Assembling the model of a large organisation
   * takes seconds (the metrics core assembles it whole); an API under a live projection sets a few
   * seconds here so that it assembles at most once per interval.
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
 * No team-day cubes: the KPIs are medians and rates over items whose window membership, team
 * attribution and links (incident → deployment, PR → deployment) are decided per item, so day
 * aggregates cannot be added up into a week's median; a series is computed per bucket from the
 * cached model instead, and the Prometheus gauges keep their last values for a refresh interval.
 *
 * Every value names its definition version and window. Errors: MetricsError (unknown KPI version,
 * invalid window) and ProjectionError (invalid as-of, page) are the caller's input errors.
 */
export class KpiReadModel {
  private readonly snapshots: ProjectedSnapshots;
  private readonly asOfModels: AsOfModels;
  private readonly incidentLists = new LRUCache<string, IncidentSummary[]>({ max: 32 });

  constructor(options: KpiReadModelOptions) {
    this.snapshots = new ProjectedSnapshots(options.store, options.projection ?? KPI_PROJECTION, options.maxStalenessMs);
    this.asOfModels = new AsOfModels(options.eventStore, options.asOfCapacity);
  }

  /** Every KPI for one scope and window. */
  async kpis(query: KpisQuery): Promise<KpiValue[]> {
    return this.kpisOfScopes({ ...query, scopes: [query.scope] });
  }

  /** Every KPI for several scopes and one window (a dashboard, the gauges): each KPI's samples are collected once. */
  async kpisOfScopes(query: KpisOfScopesQuery): Promise<KpiValue[]> {
    const view = await this.view(query.asOf);
    const versions = definitionVersions(query.version ?? view.definitionsVersion);
    return computeKpis(view.model, { directory: view.directory, window: windowOf(query), scopes: query.scopes, versions });
  }

  /** One KPI per calendar bucket (day, week from Monday, month) of the organisation's time zone; the ends cut to the window. */
  async kpiSeries(query: KpiSeriesQuery): Promise<KpiSeriesPoint[]> {
    const view = await this.view();
    return kpiSeries(query.id, view.model, { directory: view.directory, scope: query.scope, window: windowOf(query), granularity: query.bucket }, this.versionOf(query.id, view, query.version));
  }

  /** Reviews from each team to each team in the window (the organisation's `review_matrix`). */
  async reviewMatrix(query: KpiWindowQuery & { version?: number }): Promise<ReviewMatrix> {
    const view = await this.view();
    const value = computeKpi('review_matrix', view.model, { directory: view.directory, scope: { kind: 'organization' }, window: windowOf(query) }, this.versionOf('review_matrix', view, query.version));
    return { version: value.version, window: windowOf(query), reviews: value.value, cells: value.extras?.matrix ?? [] };
  }

  /** The incidents triggered in the window (of a team, or all), earliest first, with milestones and links; keyset-paged. */
  async incidents(query: IncidentsQuery): Promise<IncidentPage> {
    if (!Number.isSafeInteger(query.first) || query.first < 1 || query.first > MAX_INCIDENT_PAGE) {
      throw new ProjectionError('PROJECTION_INVALID_PAGE', `first must be 1 … ${MAX_INCIDENT_PAGE}; got ${query.first}`);
    }
    const snapshot = await this.snapshots.latest();
    const version = this.versionOf('time_to_acknowledge', snapshot);
    const listKey = JSON.stringify([snapshot.generation, snapshot.position, version, query.from, query.to, query.team ?? null]);
    let items = this.incidentLists.get(listKey);
    if (!items) {
      const scope: KpiScope = query.team === undefined ? { kind: 'organization' } : { kind: 'team', team: query.team };
      items = incidentsOf(snapshot.model, snapshot.directory, scope, windowOf(query), version);
      this.incidentLists.set(listKey, items);
    }
    return pageOf(items, query.first, query.after);
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

  private versionOf(id: KpiId, view: Pick<ModelView, 'definitionsVersion'>, asked?: number): number {
    return asked ?? definitionVersions(view.definitionsVersion)[id];
  }
}

function windowOf(query: KpiWindowQuery): KpiWindowQuery {
  return { from: query.from, to: query.to };
}
