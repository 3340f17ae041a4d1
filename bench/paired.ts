// Head-to-head comparison of two running targets in short alternating slices (A B, B A, A B …).
import { cpuMs } from './cpu.ts';
import { openSession, type LoadSession } from './load.ts';
import type { PairedStats, PairOptions, RequestSpec, Scenario } from './types.ts';

/** One side of the comparison: where to send load and which process to charge for CPU. */
export interface PairSide {
  readonly origin: string;
  readonly pid: number | undefined;
  readonly request: RequestSpec;
}

/** What one side's slices added up to. */
interface SideTotals {
  ok: number;
  errors: number;
  elapsedMs: number;
  cpuMs: number;
}

/** Nearest-rank quantile of ascending `sorted` (0 < q ≤ 1). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1] ?? Number.NaN;
}

async function slice(session: LoadSession, side: PairSide, ms: number, totals: SideTotals): Promise<number> {
  const before = cpuMs(side.pid);
  const phase = await session.run(ms);
  const after = cpuMs(side.pid);
  totals.ok += phase.samplesUs.length;
  totals.errors += phase.errors.non2xx + phase.errors.transport + phase.errors.incomplete;
  totals.elapsedMs += phase.elapsedMs;
  totals.cpuMs += before === undefined || after === undefined ? Number.NaN : after - before;
  return phase.samplesUs.length / (phase.elapsedMs / 1_000);
}

/**
 * Measures `a` against `b`: each pair runs one slice on each, in alternating order, so drift of
 * the machine (seconds-long swings of ±20% on a shared 2-core box) hits both sides of a pair
 * alike. Each side may be several processes of the same target: pair i uses the (i mod n)-th of
 * each, so one process's own luck (how V8 happened to compile or size it) is averaged with the
 * others'. The verdict uses the median of the per-pair throughput ratios, which a stray slow
 * slice (a GC, a scheduler hiccup) cannot move; the pooled ratio and CPU per request come with it.
 */
export async function comparePaired(a: readonly PairSide[], b: readonly PairSide[], scenario: Scenario, options: PairOptions): Promise<PairedStats> {
  const n = Math.min(a.length, b.length);
  if (n === 0) throw new Error('comparePaired needs at least one process per side');
  const sides = [a.slice(0, n), b.slice(0, n)] as const;
  const sessions = sides.map((list) => list.map((side) => openSession({ origin: side.origin, request: side.request, concurrency: scenario.concurrency })));
  const totals: [SideTotals, SideTotals] = [{ ok: 0, errors: 0, elapsedMs: 0, cpuMs: 0 }, { ok: 0, errors: 0, elapsedMs: 0, cpuMs: 0 }];
  const ratios: number[] = [];
  try {
    // Warmed in pair order (a1 b1 a2 b2 …): neither side waits longer than the other to be measured.
    if (options.warmupMs > 0) {
      for (let i = 0; i < n; i++) for (const list of sessions) await list[i]?.run(options.warmupMs);
    }
    for (let pair = 0; pair < options.pairs; pair++) {
      const instance = pair % n;
      // Each process pair takes both orders in turn, whatever n is.
      const flip = Math.floor(pair / n) % 2 === 1;
      const rps: [number, number] = [0, 0];
      for (const i of flip ? ([1, 0] as const) : ([0, 1] as const)) {
        rps[i] = await slice(sessions[i]?.[instance] as LoadSession, sides[i][instance] as PairSide, options.sliceMs, totals[i]);
      }
      if (rps[1] > 0) ratios.push(rps[0] / rps[1]);
    }
  } finally {
    await Promise.allSettled(sessions.flat().map((s) => s.close()));
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  const rate = (t: SideTotals): number => (t.elapsedMs > 0 ? t.ok / (t.elapsedMs / 1_000) : 0);
  const cpu = (t: SideTotals): number => (t.ok > 0 ? (t.cpuMs * 1_000) / t.ok : Number.NaN);
  return {
    pairs: ratios.length,
    medianRatio: quantile(sorted, 0.5),
    lowerQuartile: quantile(sorted, 0.25),
    upperQuartile: quantile(sorted, 0.75),
    rps: [rate(totals[0]), rate(totals[1])],
    cpuUsPerRequest: [cpu(totals[0]), cpu(totals[1])],
    errors: totals[0].errors + totals[1].errors,
  };
}
