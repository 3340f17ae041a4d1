// Messages between SqliteWorkerDriver (main thread) and sqlite-worker.ts. Plain data only: they
// cross threads by structured clone.
import type { PackedRowsData } from './packed-rows.ts';
import type { Migration, SqlValue } from './sql-driver.ts';

/** What the worker gets at start. */
export interface SqliteWorkerData {
  readonly path: string;
}

/** One call, answered by a reply with the same id. The worker runs them one at a time, in order. */
export type SqliteRequest =
  | { readonly id: number; readonly op: 'query' | 'run'; readonly sql: string; readonly params: readonly SqlValue[] }
  | { readonly id: number; readonly op: 'insertRows'; readonly table: string; readonly columns: readonly string[]; readonly rows: PackedRowsData; readonly conflictColumn: string }
  | { readonly id: number; readonly op: 'migrate'; readonly migrations: readonly Migration[] }
  | { readonly id: number; readonly op: 'close' };

/** An error as it crosses the thread boundary (structured clone drops `code` and friends). */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code: string | undefined;
  readonly errcode: number | undefined;
  readonly errstr: string | undefined;
}

/** The answer to one request. */
export type SqliteReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

/** Flattens a thrown value (node:sqlite errors carry code, errcode and errstr) for postMessage. */
export function toWireError(err: unknown): WireError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; message?: unknown; code?: unknown; errcode?: unknown; errstr?: unknown };
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(err),
    code: typeof e.code === 'string' ? e.code : undefined,
    errcode: typeof e.errcode === 'number' ? e.errcode : undefined,
    errstr: typeof e.errstr === 'string' ? e.errstr : undefined,
  };
}

/** Rebuilds an Error on the calling side with the same message, code, errcode and errstr. */
export function fromWireError(wire: WireError): Error {
  const err = Object.assign(new Error(wire.message), {
    ...(wire.code === undefined ? {} : { code: wire.code }),
    ...(wire.errcode === undefined ? {} : { errcode: wire.errcode }),
    ...(wire.errstr === undefined ? {} : { errstr: wire.errstr }),
  });
  err.name = wire.name;
  return err;
}
