// The one test suite every routing strategy passes (like hono's common router cases).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StrategyId } from '../config-schema.ts';
import type { RoutingStrategy } from './strategy.ts';
import { seededRng } from '../../providers/mock/mock-text.ts';
import { context, deployment, tally } from './test-support.ts';

/** Runs the shared cases against a strategy made fresh by `make` for each case. */
export function strategySuite(id: StrategyId, make: () => RoutingStrategy): void {
  describe(`routing strategy contract: ${id}`, () => {
    it('reports its id', () => {
      assert.equal(make().id, id);
    });

    it('returns the only candidate', () => {
      const only = deployment('a');
      assert.equal(make().pick([only], context()), only);
    });

    it('always picks one of the candidates, whatever their state, and leaves the list alone', () => {
      const rnd = seededRng('7');
      const strategy = make();
      for (let round = 0; round < 50; round++) {
        const list = Array.from({ length: 1 + Math.floor(rnd() * 100) }, (_v, i) => {
          const d = deployment(`d${i}`, { weight: 0.5 + rnd() * 3, rpm: rnd() < 0.5 ? 10 : undefined, tpm: rnd() < 0.5 ? 1000 : undefined }, rnd() < 0.7 ? { input: rnd() * 10, output: rnd() * 10 } : null);
          d.state.inFlight = Math.floor(rnd() * 5);
          if (rnd() < 0.7) d.state.observeTtft(rnd() * 500);
          d.state.count(1_000_000, Math.floor(rnd() * 500));
          return d;
        });
        const copy = [...list];
        const picked = strategy.pick(list, context(round));
        assert.ok(list.includes(picked));
        assert.deepEqual(list, copy);
      }
    });

    it('is reproducible: same state and random sequence, same choice', () => {
      const list = ['a', 'b', 'c', 'd'].map((n) => deployment(n));
      const a = tally(200, ((s, c) => () => s.pick(list, c))(make(), context(3)));
      const b = tally(200, ((s, c) => () => s.pick(list, c))(make(), context(3)));
      assert.deepEqual(a, b);
    });

    it('shares the load among equal deployments', () => {
      const list = ['a', 'b', 'c', 'd'].map((n) => deployment(n));
      const strategy = make();
      const ctx = context(11);
      const counts = tally(4_000, () => strategy.pick(list, ctx));
      assert.equal(counts.size, 4, 'every equal deployment gets traffic');
      for (const n of counts.values()) assert.ok(n > 700 && n < 1_300, `roughly even, got ${[...counts.values()].join('/')}`);
    });
  });
}
