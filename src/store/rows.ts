import type { KeyRecord, UsageRecord, User } from './types.ts';
import type { SqlRow } from './sql-driver.ts';

// PostgreSQL returns BIGINT and aggregates as strings; SQLite returns numbers. Both read alike here.
/** A numeric column, whatever the driver returned it as. */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : typeof value === 'string' || typeof value === 'bigint' ? Number(value) : 0;
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function jsonList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

function jsonMap(value: unknown): Record<string, string> | null {
  if (typeof value !== 'string') return null;
  const parsed: unknown = JSON.parse(value);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A users row as a User. */
export function toUser(row: SqlRow): User {
  return { id: String(row.id), email: str(row.email), name: str(row.name), groups: jsonList(row.groups_json), createdAt: num(row.created_at) };
}

/** An api_keys row as a KeyRecord. */
export function toKey(row: SqlRow): KeyRecord {
  return {
    id: String(row.id),
    hash: String(row.hash),
    prefix: String(row.prefix),
    userId: String(row.user_id),
    name: str(row.name),
    trusted: num(row.trusted) === 1,
    models: jsonList(row.models_json),
    metadata: jsonMap(row.metadata_json) ?? {},
    createdAt: num(row.created_at),
    expiresAt: numOrNull(row.expires_at),
    revokedAt: numOrNull(row.revoked_at),
  };
}

/** Column order of usage_records inserts; `UsageBatch.add` follows it. */
export const USAGE_COLUMNS = [
  'id', 'request_id', 'ts', 'user_id', 'key_id', 'endpoint', 'operation', 'model_requested', 'model_served', 'status',
  'error_code', 'attempts', 'prompt_tokens', 'completion_tokens', 'cached_tokens', 'reasoning_tokens', 'cost', 'estimated',
  'latency_ms', 'ttft_ms', 'streamed', 'client_ip', 'metadata_json',
] as const;

/** A usage_records row as a UsageRecord. */
export function toUsage(row: SqlRow): UsageRecord {
  return {
    id: String(row.id),
    requestId: String(row.request_id),
    ts: num(row.ts),
    userId: str(row.user_id),
    keyId: str(row.key_id),
    endpoint: str(row.endpoint),
    operation: String(row.operation),
    modelRequested: str(row.model_requested),
    modelServed: str(row.model_served),
    status: num(row.status),
    errorCode: str(row.error_code),
    attempts: num(row.attempts),
    promptTokens: num(row.prompt_tokens),
    completionTokens: num(row.completion_tokens),
    cachedTokens: num(row.cached_tokens),
    reasoningTokens: num(row.reasoning_tokens),
    cost: numOrNull(row.cost),
    estimated: num(row.estimated) === 1,
    latencyMs: num(row.latency_ms),
    ttftMs: numOrNull(row.ttft_ms),
    streamed: num(row.streamed) === 1,
    clientIp: str(row.client_ip),
    metadata: jsonMap(row.metadata_json),
  };
}
