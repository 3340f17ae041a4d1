import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema } from '../../src/config/schema.ts';
import { BodyRewriter, deepMerge } from '../../src/proxy/body-rewriter.ts';
import { blankLineEndAfter, blankLineEndBefore, lastEventEnd } from '../../src/proxy/sse-framing.ts';

describe('SSE framing', () => {
  it('finds the end of the last complete event for every line ending', () => {
    assert.equal(lastEventEnd(Buffer.from('data: a\n\ndata: b')), 9);
    assert.equal(lastEventEnd(Buffer.from('data: a\r\n\r\n')), 11);
    assert.equal(lastEventEnd(Buffer.from('data: a\r\rdata')), 9);
    assert.equal(lastEventEnd(Buffer.from('data: a\n\ndata: b\n\n')), 18);
    assert.equal(lastEventEnd(Buffer.from('data: partial')), 0);
  });

  it('agrees with the definition (the furthest end of a blank line) on every mix of line breaks', () => {
    // The definition, searched naively: the end of the last "\n\n", "\n\r\n" or "\r\r".
    const reference = (s: string): number => Math.max(0, ...['\n\n', '\n\r\n', '\r\r'].map((p) => (s.lastIndexOf(p) < 0 ? 0 : s.lastIndexOf(p) + p.length)));
    const alphabet = ['\n', '\r', 'a'];
    for (let length = 0; length <= 7; length++) {
      for (let n = 0; n < 3 ** length; n++) {
        let s = '';
        for (let i = 0, k = n; i < length; i++, k = Math.floor(k / 3)) s += alphabet[k % 3];
        assert.equal(lastEventEnd(Buffer.from(s)), reference(s), JSON.stringify(s));
      }
    }
  });

  it('finds blank lines before and after any offset as the definition does', () => {
    const patterns = ['\n\n', '\n\r\n', '\r\r'];
    // Naive: the furthest end of a blank line ending by `limit`; the nearest end of one starting at or after `from`.
    const before = (s: string, limit: number): number => {
      let best = 0;
      for (const p of patterns) for (let i = s.indexOf(p); i >= 0; i = s.indexOf(p, i + 1)) if (i + p.length <= limit) best = Math.max(best, i + p.length);
      return best;
    };
    const after = (s: string, from: number): number => {
      let best = -1;
      for (const p of patterns) {
        const i = s.indexOf(p, from);
        if (i >= 0 && (best < 0 || i + p.length < best)) best = i + p.length;
      }
      return best;
    };
    const alphabet = ['\n', '\r', 'a'];
    for (let length = 0; length <= 6; length++) {
      for (let n = 0; n < 3 ** length; n++) {
        let s = '';
        for (let i = 0, k = n; i < length; i++, k = Math.floor(k / 3)) s += alphabet[k % 3];
        const buf = Buffer.from(s);
        for (let at = 0; at <= length; at++) {
          assert.equal(blankLineEndBefore(buf, at), before(s, at), `before ${JSON.stringify(s)} ${at}`);
          assert.equal(blankLineEndAfter(buf, at), after(s, at), `after ${JSON.stringify(s)} ${at}`);
        }
      }
    }
  });
});

describe('BodyRewriter', () => {
  const endpoint = (extra: Record<string, unknown>) => configSchema.parse({ endpoints: [{ name: 'e', baseURL: 'http://x', ...extra }] }).endpoints[0]!;

  it('keeps the original bytes when nothing changes', () => {
    const raw = Buffer.from('{"model":"m"}');
    assert.equal(new BodyRewriter(endpoint({})).apply({ model: 'm' }, raw, 'm'), raw);
  });

  it('rewrites the model, adds and drops params', () => {
    const body: Record<string, unknown> = { model: 'alias', user: 'u', nested: { keep: 1 } };
    const rewriter = new BodyRewriter(endpoint({ addParams: { nested: { add: 2 }, service_tier: 'auto' }, dropParams: ['user'] }));
    assert.equal(rewriter.apply(body, Buffer.from('{}'), 'real'), null);
    assert.deepEqual(body, { model: 'real', nested: { keep: 1, add: 2 }, service_tier: 'auto' });
  });

  it('never shares addParams objects between requests', () => {
    const patch = { meta: { tag: 'a' } };
    const first: Record<string, unknown> = {};
    deepMerge(first, patch);
    (first.meta as Record<string, unknown>).tag = 'changed';
    assert.equal(patch.meta.tag, 'a');
  });
});
