export { AUTH_ENTITIES, ApiTokenTable, AuditEntryTable, type ApiTokenRecord, type AuditEntry } from './auth-tables';
export { AUTH_MIGRATIONS } from './auth.migrations';
export { ApiTokenRepository, type ApiTokenPageRequest, type Clock, type IssuedApiToken } from './api-token-repository';
export { AuditLogRepository } from './audit-log-repository';
