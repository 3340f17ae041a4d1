import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TokenUsage } from '../providers/provider.ts';
import { formatCost, UsageTap } from './usage-tap.ts';
import { lastUsage, objectEnd, servedModel } from './usage-scan.ts';

const price = (): number => 0.5;
const tokens = (promptTokens: number, completionTokens: number): TokenUsage => ({ promptTokens, completionTokens, cachedTokens: 0, reasoningTokens: 0 });

describe('UsageTap', () => {
  it('strips only the usage-only event from a block, with LF or CRLF framing', () => {
    for (const nl of ['\n', '\r\n']) {
      const tap = new UsageTap({ stripUsageChunk: true, price });
      const content = `data: {"model":"m-1","choices":[{"delta":{"content":"\\"usage\\":{}"}}],"usage":null}${nl}${nl}`;
      const usage = `data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"prompt_tokens_details":{"cached_tokens":1}}}${nl}${nl}`;
      const done = `data: [DONE]${nl}${nl}`;
      const out = tap.events(Buffer.from(content + usage + done)).toString();
      assert.equal(out, content + done);
      assert.deepEqual(tap.usage, { promptTokens: 3, completionTokens: 2, cachedTokens: 1, reasoningTokens: 0 });
      assert.equal(tap.servedModel, 'm-1');
    }
  });

  it('keeps a usage chunk that still carries choices, and keeps everything when not stripping', () => {
    const withChoices = 'data: {"choices":[{"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1}}\n\n';
    assert.equal(new UsageTap({ stripUsageChunk: true, price }).events(Buffer.from(withChoices)).toString(), withChoices);
    const usageOnly = 'data: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1}}\n\n';
    assert.equal(new UsageTap({ stripUsageChunk: false, price }).events(Buffer.from(usageOnly)).toString(), usageOnly);
    const spaced = 'data: {"id":"x", "choices" : [ ], "usage": {"prompt_tokens":1,"completion_tokens":1}}\n\n';
    assert.equal(new UsageTap({ stripUsageChunk: true, price }).events(Buffer.from(spaced)).toString(), '', 'whitespace around an empty list');
  });

  it('lets a provider-reported usage win and prices a JSON body for its header', () => {
    const tap = new UsageTap({ stripUsageChunk: false, price });
    tap.report({ promptTokens: 9, completionTokens: 9, cachedTokens: 0, reasoningTokens: 0 }, 'served');
    assert.deepEqual(tap.body(Buffer.from('{"model":"x","usage":{"prompt_tokens":1,"completion_tokens":1}}')), { 'x-switchboard-cost': '0.5' });
    assert.equal(tap.usage?.promptTokens, 9);
    assert.equal(tap.servedModel, 'served');
  });

  it('finds the last real usage object and ignores escaped look-alikes and null', () => {
    const body = Buffer.from('{"choices":[{"message":{"content":"say \\"usage\\": {\\"prompt_tokens\\":1}"}}],"usage" : {"prompt_tokens":5,"nested":{"a":"}"}}}');
    assert.deepEqual(lastUsage(body)?.usage, tokens(5, 0));
    assert.equal(lastUsage(Buffer.from('{"usage":null}')), null);
    assert.deepEqual(lastUsage(Buffer.from('"usage":{"output_tokens":1}'))?.usage, tokens(0, 1), 'a key at the very start');
    assert.deepEqual(lastUsage(Buffer.from('{"usage":{"a":1}}')), { usage: null, at: 1 }, 'an object that is no OpenAI usage');
    assert.equal(lastUsage(Buffer.from('{"note":"my usage","x":1}')), null, 'a value ending in usage is no key');
    const block = Buffer.from('data: {"usage":null}\n\ndata: {"content":"usage"}\n\ndata: {"usage":{"completion_tokens":2}}\n\n');
    assert.deepEqual(lastUsage(block), { usage: tokens(0, 2), at: block.indexOf('"usage":{') });
    const nullAfter = Buffer.from('data: {"usage":{"prompt_tokens":3}}\n\ndata: {"usage":null}\n\n');
    assert.deepEqual(lastUsage(nullAfter)?.usage, tokens(3, 0), 'a null usage after the real one');
    const escapedKey = Buffer.from('{"usage":{"prompt\\u005ftokens":7}}');
    assert.deepEqual(lastUsage(escapedKey)?.usage, tokens(7, 0), 'an escaped key, read by JSON.parse');
    assert.equal(lastUsage(Buffer.from('{"usage":{"prompt_tokens":01}}')), null, 'not JSON: not usage');
    const tricky = '{"a":"\\"}","b":{"c":"{{"},"d":"\\\\"}';
    assert.equal(objectEnd(Buffer.from(`${tricky},"rest":1}`), 0), tricky.length, 'braces and escaped quotes inside strings');
    assert.equal(objectEnd(Buffer.from('{"a":{"b":1}'), 0), -1, 'cut off');
    assert.equal(formatCost(0.0000213), '0.0000213');
    assert.equal(formatCost(0), '0');
    assert.equal(formatCost(12), '12');
  });

  it('reads the served model from the head of an answer, escapes and UTF-8 included', () => {
    const model = (text: string): string | null => servedModel(Buffer.from(text));
    assert.equal(model('{"id":"x","model" : "gpt-4o-2024-08-06","choices":[]}'), 'gpt-4o-2024-08-06');
    assert.equal(model('{"model":"org/ünïcode-✓"}'), 'org/ünïcode-✓');
    assert.equal(model('{"model":"a\\"b\\u0041"}'), 'a"bA');
    assert.equal(model('{"content":"say \\"model\\": \\"fake\\"","model":"real"}'), 'real', 'an escaped look-alike is skipped');
    assert.equal(model('{"model":"","x":{"model":"inner"}}'), 'inner', 'an empty name is no name');
    assert.equal(model('{"model":null}'), null);
    assert.equal(model('{"model":"cut off'), null);
    assert.equal(model(`{"pad":"${'x'.repeat(3000)}","model":"too-late"}`), null, 'only the head is searched');
  });

  it('reads the served model alike when told the expected one, matched or not', () => {
    const read = (text: string, name: string): string | null => servedModel(Buffer.from(text), name);
    assert.equal(read('{"id":"x","model" : "gpt-4o-mini","choices":[]}', 'gpt-4o-mini'), 'gpt-4o-mini');
    assert.equal(read('{"model":"gpt-4o-mini-2024-07-18"}', 'gpt-4o-mini'), 'gpt-4o-mini-2024-07-18', 'a longer name is read, not matched by its prefix');
    assert.equal(read('{"model":"gpt-4o"}', 'gpt-4o-mini'), 'gpt-4o', 'a shorter name');
    assert.equal(read(String.raw`{"model":"a\u0042"}`, 'aB'), 'aB', 'an escaped spelling of the name is decoded');
    assert.equal(read('{"model":"ünïcode"}', 'ünïcode'), 'ünïcode', 'a non-ASCII name is decoded');
    assert.equal(read('{"model":"","x":{"model":"inner"}}', ''), 'inner', 'an empty expected name matches nothing');
    assert.equal(read('{"model":null}', 'gpt-4o'), null);
  });
});
