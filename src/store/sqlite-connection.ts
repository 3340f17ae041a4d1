import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { PackedRows } from './packed-rows.ts';
import type { Migration, SqlRow, SqlValue } from './sql-driver.ts';

/** Rows per INSERT statement: well inside SQLite's 32,766 bound parameters for any of our tables. */
const ROWS_PER_INSERT = 50;

function insertSql(table: string, columns: readonly string[], rows: number, conflictColumn: string): string {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')} ON CONFLICT (${conflictColumn}) DO NOTHING`;
}

/**
 * One synchronous node:sqlite connection in WAL mode, with the SQL the store needs. Both SQLite
 * drivers run it: in-process for ":memory:", inside a worker thread for files.
 */
export class SqliteConnection {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  /** Multi-row INSERTs by table and columns, then by row count (see #insertStatements). */
  readonly #inserts = new Map<string, StatementSync[]>();

  /** Opens (creating when needed) the database at `path`; ":memory:" for a throwaway one. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new DatabaseSync(path);
    this.#db.exec('PRAGMA journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (kill -9); only power loss may drop the last commits.
    this.#db.exec('PRAGMA synchronous = NORMAL');
    this.#db.exec('PRAGMA foreign_keys = ON');
    this.#db.exec('PRAGMA busy_timeout = 5000');
  }

  #prepare(sql: string): StatementSync {
    let stmt = this.#statements.get(sql);
    if (stmt === undefined) {
      stmt = this.#db.prepare(sql.replace(/\$(\d+)/g, '?$1'));
      // Admin queries are built from their filters, so their text varies: keep the cache bounded.
      if (this.#statements.size > 200) this.#statements.clear();
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Rows a statement returns. */
  query(sql: string, params: readonly SqlValue[]): SqlRow[] {
    return this.#prepare(sql).all(...(params as SQLInputValue[])) as SqlRow[];
  }

  /** Runs a statement; the number of rows it changed. */
  run(sql: string, params: readonly SqlValue[]): number {
    return Number(this.#prepare(sql).run(...(params as SQLInputValue[])).changes);
  }

  /** Inserts rows in one transaction, skipping conflicts on `conflictColumn`; how many were new. */
  insertRows(table: string, columns: readonly string[], rows: PackedRows, conflictColumn: string): number {
    // One transaction, multi-row statements of ROWS_PER_INSERT rows (a commit per row would cost
    // ~100 µs each; a statement per row ~1 µs more per row than this). Synchronous from BEGIN to
    // COMMIT, so no other statement can slip into the transaction.
    let inserted = 0;
    const prepared = this.#insertStatements(table, columns, conflictColumn);
    this.#db.exec('BEGIN');
    try {
      for (let start = 0; start < rows.count; start += ROWS_PER_INSERT) {
        const end = Math.min(rows.count, start + ROWS_PER_INSERT);
        const count = end - start;
        const stmt = (prepared[count] ??= this.#db.prepare(insertSql(table, columns, count, conflictColumn)));
        inserted += Number(stmt.run(...(rows.flat(start, end) as SQLInputValue[])).changes);
      }
      this.#db.exec('COMMIT');
    } catch (err) {
      this.#db.exec('ROLLBACK');
      throw err;
    }
    return inserted;
  }

  /**
   * The prepared INSERTs into `table` for this column list, by row count. Found once per batch
   * rather than by each statement's SQL: the text of a 50-row statement is ~4 KB, and building
   * and hashing it again for every 50 rows was ~1,500 of the ~30,000 instructions the worker
   * spent per row (callgrind). Keyed by the columns' names, since each batch's list arrives as
   * a fresh copy through postMessage.
   */
  #insertStatements(table: string, columns: readonly string[], conflictColumn: string): StatementSync[] {
    const key = `${table}(${columns.join(',')}) ${conflictColumn}`;
    let prepared = this.#inserts.get(key);
    if (prepared === undefined) {
      if (this.#inserts.size > 20) this.#inserts.clear();
      this.#inserts.set(key, (prepared = []));
    }
    return prepared;
  }

  /** Applies the migrations not yet recorded, each in its own write-locked transaction. */
  migrate(migrations: readonly Migration[]): void {
    this.#db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    for (const m of migrations) {
      // IMMEDIATE takes the write lock first, so two processes starting together apply each step once.
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const done = this.#db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
        if (done === undefined) {
          for (const statement of m.statements) this.#db.exec(statement);
          this.#db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
        }
        this.#db.exec('COMMIT');
      } catch (err) {
        this.#db.exec('ROLLBACK');
        throw err;
      }
    }
  }

  /** Closes the connection; safe to call twice. */
  close(): void {
    this.#statements.clear();
    this.#inserts.clear();
    if (this.#db.isOpen) this.#db.close();
  }
}

/** SQL for the UTC day (YYYY-MM-DD) of an epoch-ms column, in SQLite's dialect. */
export function sqliteDayOf(column: string): string {
  return `strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;
}
