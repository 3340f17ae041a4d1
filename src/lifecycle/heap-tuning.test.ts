import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tuneHeapGrowth } from './heap-tuning.ts';

describe('tuneHeapGrowth', () => {
  it('leaves a process started with its own --heap-growing-percent alone', () => {
    assert.equal(tuneHeapGrowth(['--heap-growing-percent=50']), false);
    assert.equal(tuneHeapGrowth(['--heap_growing_percent', '50']), false);
  });

  it('sets the flag otherwise', () => {
    assert.equal(tuneHeapGrowth(['--enable-source-maps']), true);
  });
});
