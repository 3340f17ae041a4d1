import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Counter, Registry } from 'prom-client';
import { Tallies } from './tally.ts';

describe('Tallies', () => {
  it('hands what was added to the counter once per scrape, zeros shown and negatives ignored', async () => {
    const registry = new Registry();
    const tallies = new Tallies();
    new Counter({ name: 't_total', help: 'h', labelNames: ['k'], registers: [registry], collect() { tallies.flushInto(this); } });
    const a = tallies.series({ k: 'a' });
    const zero = tallies.series({ k: 'zero' });
    tallies.series({ k: 'untouched' });
    a.inc();
    a.inc(2.5);
    a.inc(-4);
    a.inc(Number.NaN);
    zero.inc(0);
    const read = async (): Promise<Record<string, number>> => {
      const [metric] = await registry.getMetricsAsJSON();
      return Object.fromEntries((metric?.values ?? []).map((v) => [String(v.labels.k), v.value]));
    };
    assert.deepEqual(await read(), { a: 3.5, zero: 0 });
    assert.deepEqual(await read(), { a: 3.5, zero: 0 }, 'a second scrape adds nothing twice');
    a.inc(1);
    assert.deepEqual(await read(), { a: 4.5, zero: 0 });
  });
});
