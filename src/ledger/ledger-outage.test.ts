import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { silentLogger } from '../logging/logger.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { TEST_PG_URL } from '../../test/helpers/pg.ts';
import { TcpProxy } from '../../test/helpers/tcp-proxy.ts';
import { usageRecord } from '../../test/helpers/usage-record.ts';
import { Ledger } from './ledger.ts';

describe('ledger when PostgreSQL is down or slow', () => {
  const schema = `sb_outage_${randomBytes(6).toString('hex')}`;
  let proxy: TcpProxy;
  let store: Store;
  let ledger: Ledger;
  let dir: string;
  let n = 0;
  const batch = (count: number): void => {
    for (let i = 0; i < count; i++) ledger.record(usageRecord(`r-${String(n++).padStart(5, '0')}`));
  };
  const rows = async (): Promise<string[]> => (await store.listRequests({}, 10_000, null)).data.map((r) => r.id);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-outage-'));
    proxy = await new TcpProxy(5432).start();
    const url = new URL(TEST_PG_URL);
    url.port = String(proxy.port);
    store = await openStore(`${url.toString()}?schema=${schema}`);
    // flushMs is long: the test flushes by hand, so no timer races it.
    ledger = new Ledger(store, { flushMs: 600_000, batchSize: 50, maxQueue: 10_000, writeTimeoutMs: 500, spillFile: join(dir, 'spill.jsonl') }, silentLogger());
    await ledger.start();
  });
  after(async () => {
    await ledger.close();
    await store.close();
    await proxy.close();
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes batches while the database is up', async () => {
    batch(120);
    await ledger.flush();
    assert.equal((await rows()).length, 120);
    assert.equal(ledger.stats.spilled, 0);
  });

  it('spills to the append-only file when the database is down', async () => {
    proxy.down();
    batch(130);
    await ledger.flush();
    assert.equal(ledger.stats.spilled, 130);
    const lines = (await readFile(ledger.spillPath, 'utf8')).trim().split('\n');
    assert.equal(lines.length, 130);
    batch(20);
    await ledger.flush();
    assert.equal(ledger.stats.spilled, 150);
  });

  it('spills a write that is too slow, and stores it once even if it lands late', async () => {
    proxy.up();
    // Reconnect first so the stalled write sits on an open connection and can land later.
    batch(1);
    await ledger.flush();
    proxy.stall();
    batch(40);
    await ledger.flush();
    assert.equal(ledger.stats.spilled, 190, 'the timed-out batch was spilled');
  });

  it('replays the spill file when the database answers again: no loss, no duplicates', async () => {
    proxy.up();
    batch(10);
    await ledger.flush();
    const ids = await rows();
    assert.equal(ids.length, n, `every one of the ${n} records is stored`);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    await assert.rejects(readFile(ledger.spillPath), 'the spill file is gone once replayed');
  });
});
