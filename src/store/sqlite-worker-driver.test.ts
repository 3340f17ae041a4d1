import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PackedRows } from './packed-rows.ts';
import { MIGRATIONS } from './migrations.ts';
import { openStore } from './open-store.ts';
import { SqliteDriver } from './sqlite-driver.ts';
import { SqliteWorkerDriver } from './sqlite-worker-driver.ts';
import type { SqlDriver } from './sql-driver.ts';

const OPEN_STORE_URL = new URL('./open-store.ts', import.meta.url).href;
// Counts to n inside SQLite: slow enough to keep the worker busy, cheap in memory.
const slowCount = (n: number): string => `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${n}) SELECT count(*) AS n FROM c`;
// Returns 8 strings of 16 MB: more than a small worker heap can hold, at once (no slow GC thrash).
const HUGE_ROWS = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 8) SELECT x, hex(zeroblob(8000000)) AS b FROM c';

/** Runs an ES module in a fresh Node process; its exit code and output. */
async function runScript(source: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('SqliteWorkerDriver', () => {
  let dir: string;
  let n = 0;
  const dbPath = (): string => join(dir, `db-${++n}.db`);

  async function opened(path = dbPath(), options: ConstructorParameters<typeof SqliteWorkerDriver>[1] = {}): Promise<SqliteWorkerDriver> {
    const driver = new SqliteWorkerDriver(path, options);
    await driver.migrate(MIGRATIONS);
    return driver;
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-sqlite-worker-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is what sqlite:// file URLs open; :memory: stays in-process', async () => {
    const file = await openStore(`sqlite://${dbPath()}`);
    const memory = await openStore('sqlite://:memory:');
    assert.equal(file.kind, 'sqlite');
    assert.equal(memory.kind, 'sqlite');
    await Promise.all([file.close(), memory.close()]);
    assert.throws(() => new SqliteWorkerDriver(':memory:'), /in-memory/);
  });

  it('rejects with the same message, code, errcode and errstr as the in-process driver', async () => {
    const sql = 'INSERT INTO api_keys (id, hash, prefix, user_id, trusted, models_json, metadata_json, created_at) VALUES ($1, $2, $3, $4, 0, $5, $6, 0)';
    const params = ['k', 'h', 'p', 'no-such-user', '[]', '{}'];
    const errorOf = async (driver: SqlDriver): Promise<unknown> => {
      await driver.migrate(MIGRATIONS);
      try {
        await driver.run(sql, params);
      } catch (err) {
        return err;
      } finally {
        await driver.close();
      }
      return null;
    };
    const inWorker = await errorOf(new SqliteWorkerDriver(dbPath())) as Error & Record<string, unknown>;
    const inProcess = await errorOf(new SqliteDriver(dbPath())) as Error & Record<string, unknown>;
    assert.ok(inWorker instanceof Error);
    assert.match(inWorker.message, /FOREIGN KEY constraint failed/);
    for (const field of ['message', 'code', 'errcode', 'errstr'] as const) assert.equal(inWorker[field], inProcess[field], field);
    assert.equal(inWorker.code, 'ERR_SQLITE_ERROR');
    assert.equal(inWorker.errcode, 787, 'SQLITE_CONSTRAINT_FOREIGNKEY stays detectable');
  });

  it('answers calls in the order they were made and rolls back a failed batch', async () => {
    const driver = await opened();
    const cols = ['id', 'name', 'groups_json', 'created_at'];
    const calls = [
      driver.insertRows('users', cols, PackedRows.of(cols.length, [['a', 'A', '[]', 1], ['b', 'B', '[]', 2]]), 'id'),
      driver.run('UPDATE users SET name = $1 WHERE id = $2', ['A2', 'a']),
      driver.query('SELECT id, name FROM users ORDER BY id'),
      driver.insertRows('users', cols, PackedRows.of(cols.length, [['c', 'C', '[]', 3], ['d', null, null, 4]]), 'id'),
      driver.query('SELECT count(*) AS n FROM users'),
    ] as const;
    const [inserted, changed, rows, failed, count] = await Promise.allSettled(calls);
    assert.deepEqual([inserted, changed], [{ status: 'fulfilled', value: 2 }, { status: 'fulfilled', value: 1 }]);
    assert.deepEqual(rows.status === 'fulfilled' ? rows.value.map((r) => ({ ...r })) : rows.reason, [{ id: 'a', name: 'A2' }, { id: 'b', name: 'B' }]);
    assert.equal(failed.status, 'rejected', 'NOT NULL violated in the second row');
    assert.deepEqual(count, { status: 'fulfilled', value: [{ n: 2 }] }, 'the failed batch left no row behind');
    await driver.close();
  });

  it('keeps the event loop turning while SQLite works', async () => {
    const driver = await opened();
    let turns = 0;
    let done = false;
    const tick = (): void => {
      turns++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const [row] = await driver.query(slowCount(2_000_000));
    done = true;
    assert.equal(row?.n, 2_000_000);
    assert.ok(turns > 1, `the loop ran ${turns} times while the query ran in the worker`);
    await driver.close();
  });

  it('rejects the calls a crashed worker owed, then starts a fresh one', async () => {
    const path = dbPath();
    const driver = await opened(path, { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
    await driver.run('INSERT INTO users (id, groups_json, created_at) VALUES ($1, $2, $3)', ['kept', '[]', 1]);
    const crash = driver.query(HUGE_ROWS);
    const queued = driver.query('SELECT id FROM users');
    await assert.rejects(crash, /SQLite worker crashed/);
    await assert.rejects(queued, /SQLite worker crashed/);
    assert.deepEqual((await driver.query('SELECT id FROM users')).map((r) => r.id), ['kept'], 'committed rows survive; a new worker answers');
    await driver.close();
  });

  it('close() lets earlier calls finish, then refuses new ones', async () => {
    const path = dbPath();
    const driver = await opened(path);
    const rows = Array.from({ length: 2000 }, (_, i) => [`u${i}`, '[]', i]);
    const inserting = driver.insertRows('users', ['id', 'groups_json', 'created_at'], PackedRows.of(3, rows), 'id');
    await driver.close();
    assert.equal(await inserting, 2000);
    await assert.rejects(driver.query('SELECT 1'), /closed/);
    const again = await opened(path);
    assert.deepEqual(await again.query('SELECT count(*) AS n FROM users'), [{ n: 2000 }]);
    await again.close();
  });

  it('reports an unopenable file on the first call', async () => {
    await writeFile(join(dir, 'a-file'), '');
    const driver = new SqliteWorkerDriver(join(dir, 'a-file', 'x.db'));
    await assert.rejects(driver.migrate(MIGRATIONS), (err: Error & { code?: string }) => err.code === 'EEXIST' || err.code === 'ENOTDIR');
    await driver.close();
  });

  it('lets a fresh process exit by itself, with or without close()', async () => {
    const path = dbPath();
    for (const close of [true, false]) {
      // Top-level awaits with nothing else alive: the worker must hold the process only while a call waits.
      const script = `
        import { openStore } from ${JSON.stringify(OPEN_STORE_URL)};
        const store = await openStore(${JSON.stringify(`sqlite://${path}`)});
        await store.createUser({ id: 'u-${String(close)}', email: null, name: null, groups: [], createdAt: 1 });
        console.log((await store.listUsers()).length);
        ${close ? 'await store.close();' : ''}
      `;
      const result = await runScript(script);
      assert.deepEqual(result, { code: 0, stdout: `${close ? 1 : 2}\n`, stderr: '' });
    }
  });
});
