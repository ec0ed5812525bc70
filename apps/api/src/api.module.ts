import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { PersistenceModule } from '@tandem/persistence';
import { AccessModule } from './access/access.module';
import { ApiCoreModule } from './api-core.module';
import { CorrectionsModule } from './corrections/corrections.module';
import { ConfiguredGraphQLDriver } from './graphql/drivers/configured-driver';
import { GraphqlOptions } from './graphql/graphql-options';
import { ApiHttpGate } from './http/api-http-gate';
import { GraphqlMetrics } from './http/graphql-metrics';
import { RequestOutcomes } from './http/request-outcomes';
import { GraphqlResponseCache } from './http/response-cache/graphql-response-cache';
import { KpisModule } from './kpis/kpis.module';
import { OrganizationApiModule } from './organization/organization-api.module';
import { RecognitionApiModule } from './recognition/recognition-api.module';
import { ReportsApiModule } from './reports/reports.module';
import { WebModule } from './web/web.module';

/**
 * The GraphQL API on `/graphql` (HTTP and graphql-ws), on whichever driver TANDEM_GRAPHQL_DRIVER
 * names. To add fields: write a module of resolvers (types are plain classes, not entities; inject
 * `PUB_SUB`, extend `RequestLoader`, decorate with `@Roles`/`@TeamScoped`/`@AuditPersonRead`) and
 * list it in `imports` here; then update schema.graphql (see graphql/schema.int.spec.ts).
 */
@Module({
  imports: [
    PersistenceModule,
    ApiCoreModule,
    GraphQLModule.forRootAsync({ driver: ConfiguredGraphQLDriver, imports: [ApiCoreModule], useClass: GraphqlOptions }),
    AccessModule,
    OrganizationApiModule,
    KpisModule,
    CorrectionsModule,
    RecognitionApiModule,
    ReportsApiModule,
    WebModule,
  ],
  providers: [GraphqlMetrics, ApiHttpGate, RequestOutcomes, GraphqlResponseCache],
})
export class ApiModule {}
