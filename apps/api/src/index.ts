// The GraphQL API app, and what resolver modules added to it build on.
export { ApiModule } from './api.module';
export { AuditPersonRead, Roles, TeamScoped } from './access/access.decorators';
export type { ApiContext } from './context/api-context';
export { RequestLoader, type RequestLoaders } from './context/request-loader';
export { apiError, badUserInput, forbidden, notFound, type ErrorCode } from './graphql/errors/api-errors';
export { Connection, PageArgs, PageInfo, pageRequest, toConnection, MAX_PAGE_SIZE, type PageRequest } from './graphql/pagination/connection';
export { decodeCursor, encodeCursor } from './graphql/pagination/cursor';
export { DateTimeScalar } from './graphql/scalars/date-time.scalar';
export { DurationScalar } from './graphql/scalars/duration.scalar';
export { PUB_SUB, type PubSub } from '@tandem/live-updates';
export { DirectoryService } from './organization/directory.service';
export { Person, Team } from './organization/organization.types';
