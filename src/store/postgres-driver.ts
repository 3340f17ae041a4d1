import pg from 'pg';
import type { PackedRows } from './packed-rows.ts';
import type { Migration, SqlDriver, SqlRow, SqlValue } from './sql-driver.ts';

export interface PostgresOptions {
  readonly connectionString: string;
  /** Schema to use (search_path); defaults to the server's (public). Created when missing. */
  readonly schema?: string | undefined;
  /** Pool size. */
  readonly max?: number | undefined;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** PostgreSQL through a `pg` connection pool. */
export class PostgresDriver implements SqlDriver {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #schema: string | undefined;

  constructor(options: PostgresOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new Error(`invalid PostgreSQL schema name "${options.schema}"`);
    this.#schema = options.schema;
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5_000,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.#pool.on('error', () => undefined);
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    const result = await this.#pool.query(sql, params as SqlValue[]);
    return result.rows as SqlRow[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.#pool.query(sql, params as SqlValue[]);
    return result.rowCount ?? 0;
  }

  async insertRows(table: string, columns: readonly string[], rows: PackedRows, conflictColumn: string): Promise<number> {
    let inserted = 0;
    // Multi-row VALUES, chunked well inside PostgreSQL's 65535-parameter limit; each chunk is atomic.
    const perChunk = Math.max(1, Math.floor(20_000 / columns.length));
    for (let start = 0; start < rows.count; start += perChunk) {
      const end = Math.min(rows.count, start + perChunk);
      const values: string[] = [];
      for (let r = 0; r < end - start; r++) values.push(`(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
      const params = rows.flat(start, end);
      const result = await this.#pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (${conflictColumn}) DO NOTHING`, params);
      inserted += result.rowCount ?? 0;
    }
    return inserted;
  }

  async migrate(migrations: readonly Migration[]): Promise<void> {
    const client = await this.#pool.connect();
    try {
      if (this.#schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.#schema}`);
      // One migrator at a time across every gateway process sharing this database.
      await client.query('SELECT pg_advisory_lock(hashtext(current_schema() || \'.switchboard_migrations\'))');
      try {
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
        const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
        for (const m of migrations) {
          if (done.has(m.version)) continue;
          await client.query('BEGIN');
          try {
            for (const statement of m.statements) await client.query(statement);
            await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
            await client.query('COMMIT');
          } catch (err) {
            await client.query('ROLLBACK');
            throw err;
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext(current_schema() || \'.switchboard_migrations\'))');
      }
    } finally {
      client.release();
    }
  }

  dayOf(column: string): string {
    return `to_char(to_timestamp(${column} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
