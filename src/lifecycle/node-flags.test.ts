import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GATEWAY_NODE_FLAGS, maglevChosen } from './node-flags.ts';

describe('maglevChosen', () => {
  it('sees either choice on the command line, and only a whole flag', () => {
    assert.equal(maglevChosen(['--no-maglev']), true);
    assert.equal(maglevChosen(['--enable-source-maps', '--maglev']), true);
    assert.equal(maglevChosen([]), false);
    assert.equal(maglevChosen(['--maglev-future', '--no-maglev-inlining']), false);
  });

  it('counts the gateway flags as a choice', () => {
    assert.equal(maglevChosen(GATEWAY_NODE_FLAGS), true);
  });
});
