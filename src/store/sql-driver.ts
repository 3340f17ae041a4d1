import type { PackedRows } from './packed-rows.ts';

/** A value bound to a SQL parameter. */
export type SqlValue = string | number | null;

/** A row as the driver returns it; columns are read through the helpers in rows.ts. */
export type SqlRow = Record<string, unknown>;

/** One versioned schema change. Versions only ever grow; a shipped migration never changes. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/**
 * The little a SQL store needs from a database. Statements use PostgreSQL's `$1…$n`
 * placeholders; the SQLite driver rewrites them once per statement.
 */
export interface SqlDriver {
  readonly kind: 'sqlite' | 'postgres';
  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Inserts rows, skipping any whose `conflictColumn` value is already stored, all in one
   * transaction; resolves to how many were new.
   */
  insertRows(table: string, columns: readonly string[], rows: PackedRows, conflictColumn: string): Promise<number>;
  /** Applies the migrations not yet recorded, each in its own transaction, under a lock. */
  migrate(migrations: readonly Migration[]): Promise<void>;
  /** SQL for the UTC day (YYYY-MM-DD) of an epoch-ms column. */
  dayOf(column: string): string;
  close(): Promise<void>;
}
