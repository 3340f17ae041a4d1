import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { GATEWAY_NODE_FLAGS } from '../../src/lifecycle/node-flags.ts';
import { ChildGateway } from '../helpers/child-gateway.ts';

const CONFIG = { ledger: { enabled: false }, endpoints: [{ name: 'demo', type: 'mock' }] };
const HINT = (l: { msg?: string }): boolean => typeof l.msg === 'string' && l.msg.startsWith('Node was started without');

describe('switchboard start and its Node flags', () => {
  const started: ChildGateway[] = [];
  after(async () => {
    for (const gw of started) await gw.dispose();
  });

  it('says once at startup that Node lacks the gateway flags', async () => {
    const gw = await ChildGateway.start(CONFIG);
    started.push(gw);
    const hint = await gw.waitFor(HINT);
    assert.match(hint.msg ?? '', /--no-maglev/);
    assert.equal(gw.lines.filter(HINT).length, 1);
  });

  it('stays quiet when Node has them, as under npm start', async () => {
    const gw = await ChildGateway.start(CONFIG, {}, GATEWAY_NODE_FLAGS);
    started.push(gw);
    // Every startup line is out once the process has exited.
    gw.signal('SIGTERM');
    await gw.exited;
    assert.equal(gw.lines.some(HINT), false);
    assert.ok(gw.lines.some((l) => l.msg === 'stopped'));
  });
});
