import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEAP_GROWING_PERCENT, tuneHeap } from './heap-tuning.ts';

describe('tuneHeap', () => {
  it('leaves a flag the process was started with alone', () => {
    assert.deepEqual(tuneHeap(['--heap-growing-percent=50']), ['--no-allocation-site-pretenuring']);
    assert.deepEqual(tuneHeap(['--heap_growing_percent', '50', '--allocation-site-pretenuring']), []);
    assert.deepEqual(tuneHeap(['--no-allocation_site_pretenuring']), [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it('reads NODE_OPTIONS too', () => {
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--max-old-space-size=512  --allocation-site-pretenuring';
    try {
      assert.equal(tuneHeap().includes('--no-allocation-site-pretenuring'), false);
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
  });

  it('sets both otherwise', () => {
    assert.deepEqual(tuneHeap(['--enable-source-maps']), [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '--no-allocation-site-pretenuring']);
  });
});
