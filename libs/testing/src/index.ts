export * from './postgres';
export * from './expect-eventually';
export * from './postgres-database';
