export * from './delivery-archive.port';
export { carriesChatText, redactChatText } from './redact-chat-text';
export {
  migratePostgresDeliveryArchive,
  PostgresDeliveryArchive,
  type PostgresDeliveryArchiveOptions,
} from './postgres/postgres-delivery-archive';
export { SqliteDeliveryArchive, type SqliteDeliveryArchiveOptions } from './sqlite/sqlite-delivery-archive';
