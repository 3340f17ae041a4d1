import { PackedRows } from './packed-rows.ts';
import { toUsage, USAGE_COLUMNS } from './rows.ts';
import type { SqlRow } from './sql-driver.ts';
import type { UsageRecord } from './types.ts';

/**
 * Ledger records on their way to the store, packed as rows of usage_records values in
 * USAGE_COLUMNS order (see PackedRows for why). The ledger adds each record as it is made, so a
 * queued record is a few cells, not an object.
 */
export class UsageBatch {
  readonly rows: PackedRows;

  /** An empty batch with room for `capacity` records before it grows. */
  constructor(capacity = 16) {
    this.rows = new PackedRows(USAGE_COLUMNS.length, capacity);
  }

  /** A batch of these records. */
  static of(records: readonly UsageRecord[]): UsageBatch {
    const batch = new UsageBatch(records.length);
    for (const r of records) batch.add(r);
    return batch;
  }

  /** Records in the batch. */
  get size(): number {
    return this.rows.count;
  }

  /** Appends one record. */
  add(r: UsageRecord): void {
    // The one step that could throw runs before any cell is written, so a row is never half-written.
    const metadata = r.metadata === null ? null : JSON.stringify(r.metadata);
    const rows = this.rows;
    rows.pushDistinct(r.id);
    rows.pushDistinct(r.requestId);
    rows.push(r.ts);
    rows.push(r.userId);
    rows.push(r.keyId);
    rows.push(r.endpoint);
    rows.push(r.operation);
    rows.push(r.modelRequested);
    rows.push(r.modelServed);
    rows.push(r.status);
    rows.push(r.errorCode);
    rows.push(r.attempts);
    rows.push(r.promptTokens);
    rows.push(r.completionTokens);
    rows.push(r.cachedTokens);
    rows.push(r.reasoningTokens);
    rows.push(r.cost);
    rows.push(r.estimated ? 1 : 0);
    rows.push(r.latencyMs);
    rows.push(r.ttftMs);
    rows.push(r.streamed ? 1 : 0);
    rows.push(r.clientIp);
    rows.push(metadata);
  }

  /** The records back, as the store would read them (for the spill file and tests). */
  records(): UsageRecord[] {
    const out: UsageRecord[] = [];
    for (let r = 0; r < this.rows.count; r++) {
      const row: SqlRow = {};
      for (let c = 0; c < USAGE_COLUMNS.length; c++) row[USAGE_COLUMNS[c] as string] = this.rows.value(r, c);
      out.push(toUsage(row));
    }
    return out;
  }
}
