import { Inject, Injectable } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { KpiReadModel, type IncidentPage } from '@tandem/projections';
import type { ApiContext } from '../context/api-context';
import { RequestLoader } from '../context/request-loader';
import { DirectoryService } from '../organization/directory.service';
import { Service } from '../organization/organization.types';
import { emptyIncidentConnection, incidentConnectionOf, incidentPageRequest, type IncidentPageRequest } from './incident-connections';
import { asUserInput, requireScopeDetail, windowOf } from './kpi-inputs';
import { IncidentConnection, IncidentWindowArgs } from './kpis.types';

/** One service's page of its incidents of a window. */
export interface ServiceIncidentsKey extends IncidentPageRequest {
  service: string;
  from: string;
  to: string;
}

/** The incident pages of every service of a query: one read-model call per window asked. */
@Injectable()
export class ServiceIncidentsLoader extends RequestLoader<ServiceIncidentsKey, IncidentPage> {
  constructor(@Inject(KpiReadModel) private readonly readModel: KpiReadModel) {
    super();
  }

  protected async batch(keys: readonly ServiceIncidentsKey[]): Promise<IncidentPage[]> {
    const byWindow = new Map<string, number[]>();
    keys.forEach((key, at) => {
      const window = `${key.from}|${key.to}`;
      const positions = byWindow.get(window);
      if (positions) positions.push(at);
      else byWindow.set(window, [at]);
    });
    const pages: IncidentPage[] = new Array(keys.length);
    for (const positions of byWindow.values()) {
      const { from, to } = keys[positions[0]];
      const answered = await asUserInput(() =>
        this.readModel.serviceIncidents({ from, to, pages: positions.map((at) => ({ service: keys[at].service, first: keys[at].first, after: keys[at].after })) }),
      );
      positions.forEach((at, index) => (pages[at] = answered[index]));
    }
    return pages;
  }
}

/**
 * `Service.incidents`: the incidents touching the service, triggered in the window (as
 * `Query.incidents`, in the service's scope). Person-level detail like `Query.incidents`: for
 * admins and the leads of the team that owns or runs the service (null and FORBIDDEN otherwise).
 */
@Resolver(() => Service)
export class ServiceIncidentsResolver {
  constructor(
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(ServiceIncidentsLoader) private readonly loader: ServiceIncidentsLoader,
  ) {}

  @ResolveField(() => IncidentConnection, {
    nullable: true,
    description:
      "The incidents touching the service triggered in the window, earliest first, with their milestones. For admins and the leads of the team that owns or runs it (null and FORBIDDEN otherwise).",
  })
  async incidents(@Parent() service: Service, @Args({ type: () => IncidentWindowArgs }) args: IncidentWindowArgs, @Context() context: ApiContext): Promise<IncidentConnection> {
    requireScopeDetail(context.viewer, { kind: 'service', service: service.slug }, this.directory.current(), 'Service.incidents');
    const window = windowOf(args.from, args.to);
    const request = incidentPageRequest(args);
    if (request.first === 0) return emptyIncidentConnection(request);
    return incidentConnectionOf(await this.loader.load(context.loaders, { service: service.slug, ...window, ...request }), request);
  }
}
