import type { KeyRecord, NewUser, RequestPage, UsageFilter, UsageGroup, UsageGroupBy, User, UserPatch } from './types.ts';
import type { UsageBatch } from './usage-batch.ts';

export type * from './types.ts';

/**
 * Durable state: users, virtual keys, user-provided upstream credentials and the usage ledger.
 * SQLite (embedded) and PostgreSQL implement it; one shared test suite runs against both.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;

  /** Inserts a user; if the id or email already exists, returns the existing user instead. */
  createUser(user: NewUser): Promise<User>;
  getUser(id: string): Promise<User | null>;
  findUserByEmail(email: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  updateUser(id: string, patch: UserPatch): Promise<User | null>;
  /** Deletes a user with their keys and credentials; ledger rows are kept. */
  deleteUser(id: string): Promise<boolean>;

  createKey(key: KeyRecord): Promise<void>;
  findKeyByHash(hash: string): Promise<KeyRecord | null>;
  getKey(id: string): Promise<KeyRecord | null>;
  listKeys(userId?: string): Promise<KeyRecord[]>;
  /** Marks a key revoked at `at`; false when there is no such key. */
  revokeKey(id: string, at: number): Promise<boolean>;

  /** Stores a sealed (encrypted) credential, replacing any previous one. */
  putCredential(userId: string, endpoint: string, sealed: string, at: number): Promise<void>;
  getCredential(userId: string, endpoint: string): Promise<string | null>;
  deleteCredential(userId: string, endpoint: string): Promise<boolean>;
  listCredentialEndpoints(userId: string): Promise<string[]>;

  /** Inserts ledger rows; a row whose id is already stored is skipped. Returns how many were new. */
  insertUsage(batch: UsageBatch): Promise<number>;
  summarizeUsage(groupBy: UsageGroupBy, filter: UsageFilter): Promise<UsageGroup[]>;
  /** The request log, newest first, `limit` rows after `cursor`. */
  listRequests(filter: UsageFilter & { readonly status?: number | undefined }, limit: number, cursor: string | null): Promise<RequestPage>;

  close(): Promise<void>;
}
