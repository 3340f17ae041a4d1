// The one test suite every Store implementation passes (run by sqlite-store.test.ts and postgres-store.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from './open-store.ts';
import type { Store } from './store.ts';
import type { KeyRecord, UsageRecord } from './types.ts';
import { UsageBatch } from './usage-batch.ts';

/** A store under test and how to throw it away. */
export interface StoreFixture {
  readonly store: Store;
  /** Opens a second store on the same database, e.g. to check migrations run once. */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 12);

function usage(id: string, over: Partial<UsageRecord> = {}): UsageRecord {
  return {
    id, requestId: `req-${id}`, ts: T0, userId: 'u1', keyId: 'k1', endpoint: 'groq', operation: 'chat', modelRequested: 'fast',
    modelServed: 'llama', status: 200, errorCode: null, attempts: 1, promptTokens: 10, completionTokens: 5, cachedTokens: 2,
    reasoningTokens: 0, cost: 0.001, estimated: false, latencyMs: 12.5, ttftMs: 3.25, streamed: true, clientIp: '127.0.0.1',
    metadata: { team: 'a' }, ...over,
  };
}

function key(id: string, userId: string, over: Partial<KeyRecord> = {}): KeyRecord {
  return {
    id, hash: `hash-${id}`, prefix: `sk-sb-${id}`, userId, name: `key ${id}`, trusted: false, models: [], metadata: {},
    createdAt: T0, expiresAt: null, revokedAt: null, ...over,
  };
}

/** Registers the suite for the store at a storage URL; `dispose` runs after it closes (drop the schema, delete the file). */
export function storeSuiteAt(name: string, place: () => Promise<{ url: string; dispose(): Promise<void> }>): void {
  storeSuite(name, async () => {
    const { url, dispose } = await place();
    const store = await openStore(url);
    return {
      store,
      reopen: () => openStore(url),
      cleanup: async () => {
        await store.close();
        await dispose();
      },
    };
  });
}

/** Registers the shared Store suite for one implementation. */
export function storeSuite(name: string, open: () => Promise<StoreFixture>): void {
  describe(`Store: ${name}`, () => {
    let fx: StoreFixture;
    let store: Store;
    before(async () => {
      fx = await open();
      store = fx.store;
    });
    after(async () => {
      await fx.cleanup();
    });

    it('runs migrations idempotently from a second opener', async () => {
      const again = await fx.reopen();
      await again.migrate();
      assert.equal((await again.listUsers()).length, (await store.listUsers()).length);
      await again.close();
    });

    it('creates users, finds them by id and case-insensitive email, and returns the existing row on conflict', async () => {
      const alice = await store.createUser({ id: 'u1', email: 'Alice@Example.com', name: 'Alice', groups: ['eng', 'ops'], createdAt: T0 });
      assert.deepEqual(alice, { id: 'u1', email: 'alice@example.com', name: 'Alice', groups: ['eng', 'ops'], createdAt: T0 });
      assert.deepEqual(await store.findUserByEmail('ALICE@example.com'), alice);
      const same = await store.createUser({ id: 'other', email: 'alice@example.com', name: 'X', groups: [], createdAt: T0 + 1 });
      assert.equal(same.id, 'u1', 'email conflict yields the existing user');
      const sameId = await store.createUser({ id: 'u1', email: null, name: null, groups: [], createdAt: T0 });
      assert.equal(sameId.email, 'alice@example.com');
      assert.equal(await store.getUser('missing'), null);
    });

    it('updates and lists users', async () => {
      await store.createUser({ id: 'u2', email: null, name: null, groups: [], createdAt: T0 + 5 });
      const updated = await store.updateUser('u2', { name: 'Bob "Q"', groups: ['x'], email: 'bob@example.com' });
      assert.equal(updated?.name, 'Bob "Q"');
      assert.deepEqual(updated?.groups, ['x']);
      assert.equal(await store.updateUser('nope', { name: 'n' }), null);
      assert.deepEqual((await store.listUsers()).map((u) => u.id), ['u1', 'u2']);
    });

    it('stores keys by hash, lists them per user and revokes once', async () => {
      await store.createKey(key('k1', 'u1', { trusted: true, models: ['a', 'b'], metadata: { app: 'librechat' }, expiresAt: T0 + DAY }));
      await store.createKey(key('k2', 'u2'));
      const found = await store.findKeyByHash('hash-k1');
      assert.equal(found?.trusted, true);
      assert.deepEqual(found?.models, ['a', 'b']);
      assert.deepEqual(found?.metadata, { app: 'librechat' });
      assert.equal(found?.expiresAt, T0 + DAY);
      assert.equal(await store.findKeyByHash('hash-none'), null);
      assert.deepEqual((await store.listKeys('u2')).map((k) => k.id), ['k2']);
      assert.equal((await store.listKeys()).length, 2);
      assert.equal(await store.revokeKey('k2', T0 + 1), true);
      assert.equal(await store.revokeKey('k2', T0 + 99), true);
      assert.equal((await store.getKey('k2'))?.revokedAt, T0 + 1, 'the first revocation time is kept');
      assert.equal(await store.revokeKey('missing', T0), false);
      await assert.rejects(store.createKey(key('k3', 'no-such-user')), 'a key needs an existing user');
    });

    it('puts, replaces, lists and deletes credentials', async () => {
      await store.putCredential('u1', 'groq', 'sealed-1', T0);
      await store.putCredential('u1', 'groq', 'sealed-2', T0 + 1);
      await store.putCredential('u1', 'openai', 'sealed-3', T0);
      assert.equal(await store.getCredential('u1', 'groq'), 'sealed-2');
      assert.deepEqual(await store.listCredentialEndpoints('u1'), ['groq', 'openai']);
      assert.equal(await store.deleteCredential('u1', 'openai'), true);
      assert.equal(await store.deleteCredential('u1', 'openai'), false);
      assert.equal(await store.getCredential('u2', 'groq'), null);
    });

    it('inserts usage idempotently by id and reads every field back', async () => {
      const records = [usage('r1'), usage('r2', { userId: 'u2', keyId: 'k2', cost: null, estimated: true, ttftMs: null, metadata: null, streamed: false })];
      assert.equal(await store.insertUsage(UsageBatch.of(records)), 2);
      assert.equal(await store.insertUsage(UsageBatch.of([...records, usage('r3', { ts: T0 + DAY, modelServed: 'gpt', endpoint: 'openai', cost: 0.5 })])), 1, 'replayed rows are skipped');
      const page = await store.listRequests({}, 10, null);
      assert.deepEqual(page.data.map((r) => r.id), ['r3', 'r2', 'r1']);
      assert.deepEqual(page.data[2], usage('r1'));
      assert.deepEqual(page.data[1], usage('r2', { userId: 'u2', keyId: 'k2', cost: null, estimated: true, ttftMs: null, metadata: null, streamed: false }));
    });

    it('inserts large batches in chunks', async () => {
      const many = Array.from({ length: 1000 }, (_, i) => usage(`bulk-${String(i).padStart(4, '0')}`, { ts: T0 - DAY * 30, userId: 'bulk' }));
      assert.equal(await store.insertUsage(UsageBatch.of(many)), 1000);
      assert.equal((await store.summarizeUsage('user', { userId: 'bulk' }))[0]?.requests, 1000);
    });

    it('summarises usage by user, model, endpoint, key and day with filters', async () => {
      const from = T0 - DAY;
      const byUser = await store.summarizeUsage('user', { from });
      assert.deepEqual(byUser.map((g) => [g.group, g.label, g.requests]), [['u1', 'alice@example.com', 2], ['u2', 'bob@example.com', 1]]);
      const u1 = byUser[0];
      assert.equal(u1?.prompt_tokens, 20);
      assert.equal(u1?.completion_tokens, 10);
      assert.equal(u1?.cached_tokens, 4);
      assert.ok(Math.abs((u1?.cost ?? 0) - 0.501) < 1e-9);
      const byModel = await store.summarizeUsage('model', { from });
      assert.deepEqual(byModel.map((g) => [g.group, g.requests]), [['gpt', 1], ['llama', 2]]);
      const byEndpoint = await store.summarizeUsage('endpoint', { from, to: T0 + 1 });
      assert.deepEqual(byEndpoint.map((g) => [g.group, g.requests]), [['groq', 2]]);
      const byKey = await store.summarizeUsage('key', { from, userId: 'u2' });
      assert.deepEqual(byKey.map((g) => [g.group, g.label]), [['k2', 'key k2']]);
      const byDay = await store.summarizeUsage('day', { from });
      assert.deepEqual(byDay.map((g) => [g.group, g.requests]), [['2026-01-10', 2], ['2026-01-11', 1]]);
      assert.equal((await store.summarizeUsage('model', { from, model: 'fast' })).reduce((n, g) => n + g.requests, 0), 3);
    });

    it('pages the request log newest first with filters and a cursor', async () => {
      const first = await store.listRequests({ userId: 'bulk' }, 400, null);
      assert.equal(first.data.length, 400);
      assert.equal(first.data[0]?.id, 'bulk-0999', 'same timestamp: ordered by id, newest first');
      const second = await store.listRequests({ userId: 'bulk' }, 400, first.nextCursor);
      const third = await store.listRequests({ userId: 'bulk' }, 400, second.nextCursor);
      assert.equal(third.data.length, 200);
      assert.equal(third.nextCursor, null);
      const ids = new Set([...first.data, ...second.data, ...third.data].map((r) => r.id));
      assert.equal(ids.size, 1000, 'pages neither overlap nor skip');
      assert.deepEqual((await store.listRequests({ status: 200, endpoint: 'openai' }, 10, null)).data.map((r) => r.id), ['r3']);
    });

    it('deletes a user with their keys and credentials but keeps their ledger rows', async () => {
      assert.equal(await store.deleteUser('u1'), true);
      assert.equal(await store.getUser('u1'), null);
      assert.equal(await store.findKeyByHash('hash-k1'), null);
      assert.equal(await store.getCredential('u1', 'groq'), null);
      assert.equal((await store.listRequests({ userId: 'u1' }, 10, null)).data.length, 2);
      assert.equal(await store.deleteUser('u1'), false);
    });
  });
}
