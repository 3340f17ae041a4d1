import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRng } from '../providers/mock/mock-text.ts';
import { PackedRows } from './packed-rows.ts';
import type { SqlValue } from './sql-driver.ts';
import { UsageBatch } from './usage-batch.ts';
import type { UsageRecord } from './types.ts';

const STRINGS = ['', 'a', 'same', 'same', 'é 🚀 \u0000 "quoted" \\ back', '1', 'null', ' '.repeat(300)];
const NUMBERS = [0, -0, 1, -1, 0.1, 1e-300, 1_795_290_277_029, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, -Infinity, Number.NaN];

function randomRows(random: () => number, width: number, count: number): SqlValue[][] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, () => Array.from({ length: width }, (): SqlValue => {
    const roll = random();
    if (roll < 0.2) return null;
    if (roll < 0.5) return pick(NUMBERS);
    if (roll < 0.8) return pick(STRINGS);
    return `unique-${random()}`;
  }));
}

describe('PackedRows', () => {
  it('gives back every value as it was pushed, after a trip through structured clone', () => {
    const random = seededRng('4');
    for (let round = 0; round < 200; round++) {
      const width = 1 + Math.floor(random() * 30);
      const rows = randomRows(random, width, Math.floor(random() * 60));
      // Capacity 1: every round grows the arrays several times.
      const packed = new PackedRows(width, 1);
      for (const row of rows) for (const value of row) packed.push(value);
      assert.equal(packed.count, rows.length);
      assert.deepEqual(packed.toArrays(), rows);
      const copy = PackedRows.fromData(structuredClone(packed.data()));
      // Strict deep equality tells -0 from 0 and matches NaN with NaN: both must survive.
      assert.deepEqual(copy.toArrays(), rows, `round ${round}`);
    }
  });

  it('hands out row ranges as one flat list and clamps them to the rows it has', () => {
    const packed = PackedRows.of(2, [['a', 1], [null, 'b'], ['c', 3]]);
    assert.deepEqual(packed.flat(1, 3), [null, 'b', 'c', 3]);
    assert.deepEqual(packed.flat(2, 99), ['c', 3]);
    assert.deepEqual(packed.flat(3, 4), []);
    assert.throws(() => PackedRows.of(2, [['a']]), /1 values, expected 2/);
    assert.throws(() => new PackedRows(0), /positive integer/);
  });

  it('keeps strings distinct in its list and copies only the rows written', () => {
    const packed = new PackedRows(3, 100);
    for (let i = 0; i < 10; i++) for (const value of ['endpoint', `id-${i}`, 'endpoint']) packed.push(value);
    packed.push('half a row');
    assert.equal(packed.count, 10, 'an incomplete row is not a row');
    const data = packed.data();
    assert.equal(data.kinds.length, 30);
    assert.equal(data.cells.length, 30);
    assert.deepEqual(data.strings.filter((s) => s === 'endpoint'), ['endpoint']);
    assert.deepEqual(PackedRows.fromData(structuredClone(data)).flat(9, 11), ['endpoint', 'id-9', 'endpoint']);
  });

  it('holds an id once when the next cell repeats it, and other repeats of ids twice', () => {
    const packed = new PackedRows(2);
    packed.pushDistinct('id-1');
    packed.pushDistinct('id-1');
    packed.pushDistinct('id-2');
    packed.pushDistinct('id-1');
    assert.deepEqual(packed.toArrays(), [['id-1', 'id-1'], ['id-2', 'id-1']]);
    assert.deepEqual(packed.data().strings, ['id-1', 'id-2', 'id-1']);
  });

  it('takes more rows after being rebuilt from data', () => {
    const copy = PackedRows.fromData(structuredClone(PackedRows.of(1, [['a'], ['b']]).data()));
    copy.push('b');
    copy.push('c');
    assert.deepEqual(copy.toArrays(), [['a'], ['b'], ['b'], ['c']]);
  });
});

describe('UsageBatch', () => {
  const record = (id: string, over: Partial<UsageRecord> = {}): UsageRecord => ({
    id, requestId: `req-${id}`, ts: 1_795_290_277_029, userId: 'usr_1', keyId: 'key_1', endpoint: 'groq', operation: 'chat',
    modelRequested: 'fast', modelServed: 'llama', status: 200, errorCode: null, attempts: 2, promptTokens: 10, completionTokens: 5,
    cachedTokens: 2, reasoningTokens: 1, cost: 0.000123, estimated: false, latencyMs: 12.345, ttftMs: 3.25, streamed: true,
    clientIp: '127.0.0.1', metadata: { team: 'a "b" \\ é', empty: '' }, ...over,
  });

  it('gives back the records it was given, every field', () => {
    const records = [
      record('r1'),
      record('r2', { userId: null, keyId: null, endpoint: null, modelRequested: null, modelServed: null, cost: null, ttftMs: null, clientIp: null, metadata: null, estimated: true, streamed: false, status: 502, errorCode: 'upstream_error' }),
      record('r3', { cost: 0, promptTokens: 0, completionTokens: 0 }),
    ];
    const batch = UsageBatch.of(records);
    assert.equal(batch.size, 3);
    assert.deepEqual(batch.records(), records);
    assert.deepEqual(UsageBatch.of([]).records(), []);
  });
});
