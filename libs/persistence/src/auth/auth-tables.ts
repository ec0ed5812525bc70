import { EntitySchema } from 'typeorm';
import type { Role } from '@tandem/auth';

/** A row of `api_tokens`: the hash of a token, never the token. */
export interface ApiTokenRecord {
  id: string;
  tokenHash: string;
  /** The token's first characters (`tdm_AbCd…`), to recognise it in a listing. */
  hint: string;
  role: Role;
  teams: string[];
  /** The person the token acts for (tandem.yaml id), when issued to one. */
  personId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A row of `audit_log`: who read which person-level data, when, in which request. */
export interface AuditEntry {
  id: string;
  at: Date;
  tokenId: string;
  role: Role;
  correlationId: string | null;
  /** The GraphQL coordinate read, e.g. `Team.members`. */
  field: string;
  /** Whose data: `team:payments`, `person:alice`. */
  subject: string;
}

export const ApiTokenTable = new EntitySchema<ApiTokenRecord>({
  name: 'ApiToken',
  tableName: 'api_tokens',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    tokenHash: { name: 'token_hash', type: 'varchar', length: 64 },
    hint: { type: 'varchar', length: 16 },
    role: { type: 'varchar', length: 16 },
    teams: { type: 'simple-array' },
    personId: { name: 'person_id', type: 'varchar', length: 128, nullable: true },
    createdAt: { name: 'created_at', type: Date },
    revokedAt: { name: 'revoked_at', type: Date, nullable: true },
  },
});

export const AuditEntryTable = new EntitySchema<AuditEntry>({
  name: 'AuditEntry',
  tableName: 'audit_log',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    at: { type: Date },
    tokenId: { name: 'token_id', type: 'varchar', length: 36 },
    role: { type: 'varchar', length: 16 },
    correlationId: { name: 'correlation_id', type: 'varchar', length: 128, nullable: true },
    field: { type: 'varchar', length: 128 },
    subject: { type: 'varchar', length: 256 },
  },
});

/** The access-control area's tables. */
export const AUTH_ENTITIES = [ApiTokenTable, AuditEntryTable];
