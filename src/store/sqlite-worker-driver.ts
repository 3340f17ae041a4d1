import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { PackedRows } from './packed-rows.ts';
import { sqliteDayOf } from './sqlite-connection.ts';
import { fromWireError, type SqliteReply, type SqliteRequest, type SqliteWorkerData } from './sqlite-protocol.ts';
import type { Migration, SqlDriver, SqlRow, SqlValue } from './sql-driver.ts';

const WORKER_URL = new URL('./sqlite-worker.ts', import.meta.url);

/** A request before it is numbered. */
type Call = SqliteRequest extends infer R ? (R extends SqliteRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** One running worker and the calls it still owes answers to. */
class WorkerLink {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #onDead: (link: WorkerLink) => void;
  #nextId = 0;
  #dead: Error | null = null;

  constructor(data: SqliteWorkerData, resourceLimits: ResourceLimits | undefined, onDead: (link: WorkerLink) => void) {
    this.#onDead = onDead;
    // No inherited flags: the worker needs none, and some (--input-type, loaders) break or slow it.
    this.#worker = new Worker(WORKER_URL, { workerData: data, execArgv: [], ...(resourceLimits === undefined ? {} : { resourceLimits }) });
    // Idle, the worker must not keep the process alive; it is ref'd only while a call waits on it.
    this.#worker.unref();
    this.#worker.on('message', (reply: SqliteReply) => this.#settle(reply));
    this.#worker.on('error', (err: Error) => this.#fail(new Error(`SQLite worker crashed: ${err.message}`, { cause: err })));
    this.#worker.on('exit', (code: number) => this.#fail(new Error(`SQLite worker exited (code ${code})`)));
  }

  /** Posts one call; settles with the worker's answer, or rejects if the worker dies first. */
  call(call: Call): Promise<unknown> {
    if (this.#dead !== null) return Promise.reject(this.#dead);
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.postMessage({ ...call, id });
      } catch (err) {
        this.#take(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Stops the worker; calls still waiting reject. */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }

  #take(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (pending !== undefined && this.#pending.size === 0) this.#worker.unref();
    return pending;
  }

  #settle(reply: SqliteReply): void {
    const pending = this.#take(reply.id);
    if (pending === undefined) return;
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(fromWireError(reply.error));
  }

  #fail(err: Error): void {
    if (this.#dead !== null) return;
    this.#dead = err;
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of waiting) p.reject(err);
    this.#onDead(this);
  }
}

/**
 * SQLite for database files, run in a worker thread that owns the connection: the event loop
 * never waits on SQLite (a 500-row ledger batch, a key lookup on a cache miss, an admin summary).
 * Calls are answered in the order they were made. A worker that dies rejects the calls it owed;
 * the next call starts a fresh one.
 */
export class SqliteWorkerDriver implements SqlDriver {
  readonly kind = 'sqlite' as const;
  readonly #data: SqliteWorkerData;
  readonly #resourceLimits: ResourceLimits | undefined;
  #link: WorkerLink | null = null;
  #closed = false;

  /** Opens (creating when needed) the database file at `path`; `resourceLimits` caps the worker's heap. */
  constructor(path: string, options: { readonly resourceLimits?: ResourceLimits } = {}) {
    if (path === ':memory:') throw new Error('an in-memory SQLite database cannot live in a worker; use SqliteDriver');
    this.#data = { path };
    this.#resourceLimits = options.resourceLimits;
  }

  #call(call: Call): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('the SQLite store is closed'));
    this.#link ??= new WorkerLink(this.#data, this.#resourceLimits, (dead) => {
      if (this.#link === dead) this.#link = null;
    });
    return this.#link.call(call);
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return (await this.#call({ op: 'query', sql, params })) as SqlRow[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.#call({ op: 'run', sql, params })) as number;
  }

  async insertRows(table: string, columns: readonly string[], rows: PackedRows, conflictColumn: string): Promise<number> {
    return (await this.#call({ op: 'insertRows', table, columns, rows: rows.data(), conflictColumn })) as number;
  }

  async migrate(migrations: readonly Migration[]): Promise<void> {
    await this.#call({ op: 'migrate', migrations });
  }

  dayOf(column: string): string {
    return sqliteDayOf(column);
  }

  /** Lets calls already made finish, closes the database and stops the worker. */
  async close(): Promise<void> {
    if (this.#closed) return;
    const link = this.#link;
    if (link === null) {
      this.#closed = true;
      return;
    }
    const closing = this.#call({ op: 'close' });
    this.#closed = true;
    this.#link = null;
    try {
      await closing;
    } finally {
      await link.terminate();
    }
  }
}
