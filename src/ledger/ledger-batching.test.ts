import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../logging/logger.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { usageRecord } from '../../test/helpers/usage-record.ts';
import { Ledger } from './ledger.ts';

describe('ledger batching', () => {
  let dir: string;
  let store: Store;
  let ledger: Ledger;
  /** Sizes of the batches the store was asked to insert. */
  const batches: number[] = [];
  let gate = Promise.withResolvers<void>();
  let n = 0;
  const add = (count: number): void => {
    for (let i = 0; i < count; i++) ledger.record(usageRecord(`r-${String(n++).padStart(4, '0')}`));
  };
  const stored = async (): Promise<number> => (await store.listRequests({}, 1_000, null)).data.length;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-batching-'));
    store = await openStore('sqlite://:memory:');
    const insert = store.insertUsage.bind(store);
    store.insertUsage = async (batch) => {
      batches.push(batch.size);
      await gate.promise;
      return insert(batch);
    };
    // No timer during the test: it flushes by hand.
    ledger = new Ledger(store, { flushMs: 600_000, batchSize: 10, maxQueue: 1_000, writeTimeoutMs: 5_000, spillFile: join(dir, 'spill.jsonl') }, silentLogger());
    await ledger.start();
  });
  after(async () => {
    gate.resolve();
    await ledger.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes full batches as they fill and leaves a remainder for the flush, not a batch of its own', async () => {
    add(10); // a full batch: its write starts and waits at the gate
    assert.deepEqual(batches, [10]);
    add(13); // arrive during that write: one more full batch, three left over
    gate.resolve();
    await ledger.flush();
    // The write under way took the second full batch; flush() then wrote the three.
    assert.deepEqual(batches, [10, 10, 3]);
    assert.equal(await stored(), 23);
    assert.equal(ledger.queueDepth, 0);
  });

  it('without a flush, a remainder waits for the next full batch', async () => {
    gate = Promise.withResolvers<void>();
    batches.length = 0;
    add(10);
    add(4);
    gate.resolve();
    await ledger.drain();
    assert.deepEqual(batches, [10, 4]);
    batches.length = 0;
    add(7);
    assert.deepEqual(batches, [], 'seven records are not a batch');
    assert.equal(ledger.queueDepth, 7);
    add(3);
    await ledger.drain();
    assert.deepEqual(batches, [10]);
    assert.equal(await stored(), 23 + 14 + 10);
  });
});
