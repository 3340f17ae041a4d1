import type { PackedRows } from './packed-rows.ts';
import { SqliteConnection, sqliteDayOf } from './sqlite-connection.ts';
import type { Migration, SqlDriver, SqlRow, SqlValue } from './sql-driver.ts';

/**
 * SQLite on the calling thread: every call blocks the event loop while it runs. Meant for
 * ":memory:" databases (throwaway stores), which cannot be shared with a worker thread; files go
 * through SqliteWorkerDriver.
 */
export class SqliteDriver implements SqlDriver {
  readonly kind = 'sqlite' as const;
  readonly #conn: SqliteConnection;

  /** Opens (creating when needed) the database at `path`; ":memory:" for a throwaway one. */
  constructor(path: string) {
    this.#conn = new SqliteConnection(path);
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.#conn.query(sql, params);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.#conn.run(sql, params);
  }

  async insertRows(table: string, columns: readonly string[], rows: PackedRows, conflictColumn: string): Promise<number> {
    return this.#conn.insertRows(table, columns, rows, conflictColumn);
  }

  async migrate(migrations: readonly Migration[]): Promise<void> {
    this.#conn.migrate(migrations);
  }

  dayOf(column: string): string {
    return sqliteDayOf(column);
  }

  async close(): Promise<void> {
    this.#conn.close();
  }
}
