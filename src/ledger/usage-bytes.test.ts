import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRng } from '../providers/mock/mock-text.ts';
import { fromOpenAIUsage } from './openai-usage.ts';
import { readUsageAt } from './usage-bytes.ts';

const COUNT_KEYS = ['prompt_tokens', 'completion_tokens', 'input_tokens', 'output_tokens', 'total_tokens'];
const DETAIL_KEYS = ['prompt_tokens_details', 'completion_tokens_details', 'input_tokens_details', 'output_tokens_details'];
const INNER_KEYS = ['cached_tokens', 'reasoning_tokens', 'audio_tokens'];
const NUMBERS = ['0', '7', '24', '-3', '12.9', '1e3', '2.5E-1', '1e400', '9007199254740993', '-0'];
const STRINGS = ['"x"', '"}{]["', '"say \\"usage\\": {}"', '"\\u00e9✓🙂"', '"\\\\"', '""'];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

/** Random JSON text for a value, with random whitespace between tokens. */
function value(next: () => number, depth: number, keys: readonly string[]): string {
  const ws = (): string => pick(next, ['', '', ' ', '\n  ', '\t', '\r\n']);
  const roll = next();
  if (roll < 0.4) return pick(next, NUMBERS);
  if (roll < 0.5) return 'null';
  if (roll < 0.6) return pick(next, STRINGS);
  if (roll < 0.65) return pick(next, ['true', 'false']);
  if (depth > 2 || roll < 0.75) return `[${ws()}${depth > 2 ? '' : Array.from({ length: Math.floor(next() * 3) }, () => value(next, depth + 1, keys)).join(`${ws()},${ws()}`)}${ws()}]`;
  return object(next, depth + 1, keys);
}

function object(next: () => number, depth: number, keys: readonly string[]): string {
  const ws = (): string => pick(next, ['', ' ', '\n', '\t ']);
  const entries = Array.from({ length: Math.floor(next() * 6) }, () => {
    const key = next() < 0.85 ? pick(next, keys) : pick(next, ['other', 'usage', 'cost', '}']);
    return `${ws()}"${key}"${ws()}:${ws()}${value(next, depth, depth === 0 ? INNER_KEYS : keys)}${ws()}`;
  });
  return `{${entries.join(',')}${ws()}}`;
}

describe('readUsageAt', () => {
  it('reads exactly what JSON.parse and fromOpenAIUsage read, over 20,000 random usage objects', () => {
    const next = seededRng('20261121');
    let read = 0;
    for (let n = 0; n < 20_000; n++) {
      const text = object(next, 0, [...COUNT_KEYS, ...DETAIL_KEYS]);
      const buf = Buffer.from(`xx${text},"after":1}`);
      const result = readUsageAt(buf, 2);
      const expected = fromOpenAIUsage(JSON.parse(text));
      // Plain JSON (no escaped key) is always read by the byte reader itself.
      assert.ok(result !== undefined, text);
      assert.equal(result.end, 2 + Buffer.byteLength(text), text);
      assert.deepEqual(result.usage, expected, text);
      if (expected !== null) read++;
    }
    assert.ok(read > 5_000, `only ${read} objects were usage`);
  });

  it('leaves to JSON.parse what it cannot read exactly, and never reads broken JSON as usage', () => {
    const next = seededRng('7');
    for (let n = 0; n < 20_000; n++) {
      const text = object(next, 0, [...COUNT_KEYS, ...DETAIL_KEYS]);
      // Damage one byte or cut the text short.
      const bytes = Buffer.from(text);
      const at = Math.floor(next() * bytes.length);
      const broken = next() < 0.5 ? bytes.subarray(0, at) : Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(next, ['"', '\\', '{', ']', ',', '0', 'x', '\u0001'])), bytes.subarray(at + 1)]);
      const result = readUsageAt(broken, 0);
      if (result === undefined) continue;
      const parsed: unknown = JSON.parse(broken.toString('utf8', 0, result.end));
      assert.deepEqual(result.usage, fromOpenAIUsage(parsed), broken.toString());
    }
  });

  it('gives up on escaped keys, leading zeros and very deep nesting', () => {
    assert.equal(readUsageAt(Buffer.from('{"prompt\\u005ftokens":1}'), 0), undefined);
    assert.equal(readUsageAt(Buffer.from('{"prompt_tokens":01}'), 0), undefined);
    assert.equal(readUsageAt(Buffer.from('{"prompt_tokens":+1}'), 0), undefined);
    const deep = `{"x":${'['.repeat(200_000)}${']'.repeat(200_000)},"prompt_tokens":1}`;
    assert.equal(readUsageAt(Buffer.from(deep), 0), undefined);
    assert.deepEqual(readUsageAt(Buffer.from('{"prompt_tokens":3,"prompt_tokens_details":{"cached_tokens":2},"prompt_tokens_details":{}}'), 0)?.usage,
      { promptTokens: 3, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0 }, 'the last of duplicate keys wins, as in JSON.parse');
  });
});
