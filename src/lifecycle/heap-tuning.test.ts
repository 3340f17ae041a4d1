import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEAP_GROWING_PERCENT, tuneHeap } from './heap-tuning.ts';

describe('tuneHeap', () => {
  it('leaves a flag the process was started with alone', () => {
    assert.deepEqual(tuneHeap(['--heap-growing-percent=50']), ['--no-allocation-site-pretenuring']);
    assert.deepEqual(tuneHeap(['--heap_growing_percent', '50', '--allocation-site-pretenuring']), []);
    assert.deepEqual(tuneHeap(['--no-allocation_site_pretenuring']), [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it('sets both otherwise', () => {
    assert.deepEqual(tuneHeap(['--enable-source-maps']), [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '--no-allocation-site-pretenuring']);
  });
});
