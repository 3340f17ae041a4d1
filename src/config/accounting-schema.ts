import { z } from 'zod';

/** Where users, keys, credentials and the ledger live. */
export const storageSchema = z.strictObject({
  /** `sqlite://PATH` (embedded; relative to the working directory) or `postgres://…` (`?schema=NAME` optional). */
  url: z.string().min(1).default('sqlite://./data/switchboard.db'),
});

/** The usage ledger: one record per request, written in batches off the request path. */
export const ledgerSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Longest a record waits in memory before it is written; also what a kill -9 can lose. */
  flushMs: z.number().int().positive().default(1_000),
  /**
   * Records per write (one transaction). Under load a batch fills before the timer fires; fewer,
   * larger transactions rewrite fewer index pages: with 50 users, ~15 µs a row at 2,000 against
   * ~20 at 500.
   */
  batchSize: z.number().int().positive().default(2_000),
  /** Records held in memory at most; beyond it they go straight to the spill file. */
  maxQueue: z.number().int().positive().default(10_000),
  /** A write slower than this counts as failed and its batch is spilled. */
  writeTimeoutMs: z.number().int().positive().default(5_000),
  /** Append-only file for records the database could not take; defaults next to the SQLite file, else ./data. */
  spillFile: z.string().min(1).optional(),
});

/** Request headers a trusted key may use to name the end user (LibreChat sends these). */
export const identitySchema = z.strictObject({
  headers: z
    .strictObject({
      email: z.string().min(1).default('x-user-email'),
      id: z.string().min(1).default('x-user-id'),
      name: z.string().min(1).default('x-user-name'),
      groups: z.string().min(1).optional(),
    })
    .prefault({}),
});

/** A price override in USD per 1M tokens. */
export const priceSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  /** Price of cached prompt tokens; defaults to `input`. */
  cachedInput: z.number().nonnegative().optional(),
});

/** Per-model price overrides, keyed by `endpoint/model` or a served model id. */
export const pricingSchema = z.record(z.string().min(1), priceSchema);

export type StorageConfig = z.infer<typeof storageSchema>;
export type LedgerConfig = z.infer<typeof ledgerSchema>;
export type IdentityConfig = z.infer<typeof identitySchema>;
export type PriceOverride = z.infer<typeof priceSchema>;
