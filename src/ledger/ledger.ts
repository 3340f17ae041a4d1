import type { LedgerConfig } from '../config/accounting-schema.ts';
import type { Logger } from '../logging/logger.ts';
import type { Store } from '../store/store.ts';
import type { UsageRecord } from '../store/types.ts';
import { UsageBatch } from '../store/usage-batch.ts';
import { SpillFile } from './spill-file.ts';

/** Rows a new open batch has room for at least before it grows. */
const MIN_CAPACITY = 64;

/** Counters for tests, health and the bench. */
export interface LedgerStats {
  written: number;
  spilled: number;
  replayed: number;
  queued: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`ledger write took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The usage ledger's write side. `record` only pushes to a bounded in-memory queue; a timer (or
 * a full batch) writes batches to the store. A failed or slow write spills its batch to an
 * append-only file, replayed once the store answers again; rows carry their request id, so a
 * batch that was both written late and spilled is stored once. A kill -9 loses at most the
 * records of the last `flushMs` (the queue), never what was written or spilled.
 */
export class Ledger {
  readonly #store: Store;
  readonly #options: Omit<LedgerConfig, 'spillFile' | 'enabled'>;
  readonly #spill: SpillFile;
  readonly #log: Logger;
  /** The batch records are being added to; full ones wait in #full for their write. */
  #open: UsageBatch;
  #full: UsageBatch[] = [];
  /** Records in #open and #full. */
  #queued = 0;
  readonly #pending = new Set<Promise<void>>();
  #flushing: Promise<void> | null = null;
  /** Set by flush(): write everything queued, not only full batches. */
  #drainAll = false;
  #timer: NodeJS.Timeout | null = null;
  #healthy = true;
  readonly stats: LedgerStats = { written: 0, spilled: 0, replayed: 0, queued: 0 };

  constructor(store: Store, options: Omit<LedgerConfig, 'spillFile' | 'enabled'> & { spillFile: string }, log: Logger) {
    this.#store = store;
    this.#options = options;
    this.#spill = new SpillFile(options.spillFile);
    this.#log = log;
    this.#open = new UsageBatch(Math.min(options.batchSize, MIN_CAPACITY));
  }

  /** Records waiting in memory for the next flush. */
  get queueDepth(): number {
    return this.#queued;
  }

  /** Path of the spill file. */
  get spillPath(): string {
    return this.#spill.path;
  }

  /** Replays what a previous run spilled and starts the flush timer. */
  async start(): Promise<void> {
    await this.#replay();
    this.#timer = setInterval(() => void this.flush(), this.#options.flushMs);
    this.#timer.unref();
  }

  /** Queues one record. Never blocks and never throws. */
  record(record: UsageRecord): void {
    this.stats.queued++;
    if (this.#queued >= this.#options.maxQueue) {
      // The store is not keeping up: overflow goes to disk rather than growing memory without bound.
      this.#track(this.#spillBatch([record]));
      return;
    }
    try {
      this.#open.add(record);
    } catch (err) {
      this.#log.error({ err }, 'ledger: a record could not be encoded');
      return;
    }
    this.#queued++;
    if (this.#open.size >= this.#options.batchSize) {
      this.#full.push(this.#takeOpen());
      void this.#write();
    }
  }

  /** Queues a record that is still being finished (e.g. usage being estimated). */
  recordLater(record: Promise<UsageRecord>): void {
    this.#track(record.then((r) => this.record(r), (err: unknown) => this.#log.error({ err }, 'ledger: a record could not be completed')));
  }

  #track(p: Promise<void>): void {
    this.#pending.add(p);
    void p.finally(() => this.#pending.delete(p));
  }

  /** Writes everything queued now (joining a write under way); resolves when it is stored or spilled. */
  async flush(): Promise<void> {
    this.#drainAll = true;
    await this.#write();
    // A write already past its loop (replaying the spill file) could not take the request.
    if (this.#drainAll && this.#queued > 0) await this.#write();
  }

  #write(): Promise<void> {
    this.#flushing ??= this.#flushNow().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  /**
   * Writes full batches, and what is left only when flush() asked: under load, records that
   * arrive during a write wait for the next full batch or the timer rather than going out as a
   * small batch of their own (each batch is one transaction; with SQLite, a transaction of 30
   * rows costs almost what one of 500 does).
   */
  async #flushNow(): Promise<void> {
    let batch: UsageBatch | null;
    while ((batch = this.#nextBatch()) !== null) {
      this.#queued -= batch.size;
      // This batch takes everything flush() asked for; what arrives later waits its turn.
      if (this.#queued === 0) this.#drainAll = false;
      if (!this.#healthy && this.#queued > 0) {
        // Down: everything goes to disk now; one batch still probes the store below.
        const rest = [...this.#full, this.#takeOpen()];
        this.#full = [];
        this.#queued = 0;
        await this.#spillBatch(rest.flatMap((b) => b.records()));
      }
      try {
        await withTimeout(this.#store.insertUsage(batch), this.#options.writeTimeoutMs);
        this.stats.written += batch.size;
        if (!this.#healthy) this.#log.warn('ledger: the database answers again; replaying spilled records');
        this.#healthy = true;
      } catch (err) {
        if (this.#healthy) this.#log.error({ err }, `ledger: write failed; spilling records to ${this.#spill.path} until the database answers`);
        this.#healthy = false;
        await this.#spillBatch(batch.records());
      }
    }
    if (this.#queued === 0) this.#drainAll = false;
    if (this.#healthy && this.#spill.pending) await this.#replay();
  }

  /** The next batch to write: a full one, or what is open when flush() asked for everything. */
  #nextBatch(): UsageBatch | null {
    const full = this.#full.shift();
    if (full !== undefined) return full;
    if (!this.#drainAll || this.#open.size === 0) return null;
    return this.#takeOpen();
  }

  /** The open batch, sealed; a fresh one takes its place. */
  #takeOpen(): UsageBatch {
    const open = this.#open;
    // Sized for what the last one held: under load a full batch, while quiet a few rows rather
    // than ~400 KB of zeroed cells every flush interval.
    this.#open = new UsageBatch(Math.min(this.#options.batchSize, Math.max(MIN_CAPACITY, open.size)));
    return open;
  }

  async #spillBatch(records: readonly UsageRecord[]): Promise<void> {
    try {
      await this.#spill.append(records);
      this.stats.spilled += records.length;
    } catch (err) {
      this.#log.error({ err, lost: records.length }, 'ledger: cannot write the spill file either; records lost');
    }
  }

  async #replay(): Promise<void> {
    let files: string[];
    try {
      files = await this.#spill.takeForReplay();
    } catch (err) {
      this.#log.error({ err }, 'ledger: cannot read the spill file');
      return;
    }
    for (const file of files) {
      const records = await SpillFile.read(file);
      try {
        for (let i = 0; i < records.length; i += this.#options.batchSize) {
          await withTimeout(this.#store.insertUsage(UsageBatch.of(records.slice(i, i + this.#options.batchSize))), this.#options.writeTimeoutMs);
        }
      } catch (err) {
        // Left in place: the next successful flush tries again; ids keep the retry free of duplicates.
        this.#spill.pending = true;
        this.#healthy = false;
        this.#log.warn({ err }, 'ledger: replay failed; will retry');
        return;
      }
      this.stats.replayed += records.length;
      await SpillFile.done(file);
      this.#log.info({ records: records.length }, 'ledger: replayed spilled records');
    }
  }

  /** Waits for records still being finished (estimates), then flushes: everything recorded so far is stored or spilled. */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    await this.#flushAll();
  }

  /** Flushes until nothing is queued or being written (a write under way may have left records behind). */
  async #flushAll(): Promise<void> {
    while (this.#queued > 0 || this.#flushing !== null) await this.flush();
  }

  /** Stops the timer, waits for records being finished, and flushes what is left. */
  async close(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    await this.#flushAll();
  }
}
