import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeptBytes } from './kept-bytes.ts';

describe('KeptBytes', () => {
  it('keeps every chunk in order, byte for byte (UTF-8 included)', () => {
    const kept = new KeptBytes(1 << 20);
    const chunks = Array.from({ length: 300 }, (_, i) => Buffer.from(`data: {"i":${i}}\n\n`));
    for (const chunk of chunks) kept.append(chunk);
    kept.append(Buffer.from('é✓🙂'));
    assert.equal(kept.bytes.toString(), Array.from({ length: 300 }, (_, i) => `data: {"i":${i}}\n\n`).join('') + 'é✓🙂');
  });

  it('stops at the limit and keeps a clean prefix', () => {
    const kept = new KeptBytes(10);
    assert.equal(kept.bytes.length, 0);
    kept.append(Buffer.from('abcdef'));
    kept.append(Buffer.from('ghijk'));
    kept.append(Buffer.from('l'));
    assert.equal(kept.bytes.toString(), 'abcdef');
  });
});
