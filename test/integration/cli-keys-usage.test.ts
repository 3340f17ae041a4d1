import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { hashKey } from '../../src/identity/virtual-keys.ts';
import { openStore } from '../../src/store/open-store.ts';
import { UsageBatch } from '../../src/store/usage-batch.ts';

const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));
const run = promisify(execFile);

describe('switchboard keys / usage CLI', () => {
  let dir: string;
  const cli = (...args: string[]) => run(process.execPath, [BIN, ...args, '--config', join(dir, 'sb.yaml')], { cwd: dir });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-cli-'));
    await writeFile(join(dir, 'sb.yaml'), 'endpoints:\n  - { name: demo, type: mock }\n');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a key printed once, stored only as its hash, in ./data by default', async () => {
    const { stdout } = await cli('keys', 'create', '--user', 'alice@example.com', '--name', 'laptop', '--trusted', '--models', 'a,b', '--expires', '30d', '--metadata', 'team=x');
    const key = stdout.trim();
    assert.match(key, /^sk-sb-/);
    const store = await openStore(`sqlite://${join(dir, 'data', 'switchboard.db')}`);
    const stored = await store.findKeyByHash(hashKey(key));
    await store.close();
    assert.deepEqual([stored?.trusted, stored?.models, stored?.name, stored?.metadata], [true, ['a', 'b'], 'laptop', { team: 'x' }]);
    assert.ok((stored?.expiresAt ?? 0) > Date.now() + 29 * 86_400_000);
    const list = (await cli('keys', 'list')).stdout;
    assert.match(list, new RegExp(`${key.slice(0, 12)}…`));
    assert.doesNotMatch(list, new RegExp(key));
  });

  it('prints usage by user as a table and as CSV', async () => {
    const store = await openStore(`sqlite://${join(dir, 'data', 'switchboard.db')}`);
    const alice = await store.findUserByEmail('alice@example.com');
    const base = { requestId: 'r', ts: Date.now() - 1000, keyId: null, endpoint: 'demo', operation: 'chat', modelRequested: 'm', modelServed: 'm', status: 200, errorCode: null, attempts: 1, cachedTokens: 0, reasoningTokens: 0, estimated: false, latencyMs: 1, ttftMs: null, streamed: false, clientIp: null, metadata: null };
    await store.insertUsage(UsageBatch.of([
      { ...base, id: 'a1', userId: alice?.id ?? null, promptTokens: 100, completionTokens: 50, cost: 0.25 },
      { ...base, id: 'a2', userId: alice?.id ?? null, promptTokens: 10, completionTokens: 5, cost: 0.5 },
      { ...base, id: 'old', userId: alice?.id ?? null, promptTokens: 1, completionTokens: 1, cost: 9, ts: Date.now() - 30 * 86_400_000 },
    ]));
    await store.close();
    const table = (await cli('usage', '--by', 'user', '--since', '7d')).stdout;
    assert.match(table, /alice@example\.com\s+2\s+110\s+55\s+0\s+\$0\.75/);
    const csv = (await cli('usage', '--by', 'user', '--since', '7d', '--csv')).stdout;
    assert.equal(csv.split('\r\n')[1], `${alice?.id},alice@example.com,2,110,55,0,0.75`);
    await assert.rejects(cli('usage', '--by', 'colour'), /--by must be one of/);
  });
});
