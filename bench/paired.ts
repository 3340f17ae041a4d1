// Head-to-head comparison of two running targets in short alternating slices (A B, B A, A B …).
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMs, v8HelperCpuMs } from './cpu.ts';
import { openSession, type LoadSession } from './load.ts';
import { HelperShare, isSteady, warmUp, type SteadyOptions } from './steady.ts';
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
}

/**
 * After the last slice, how long to wait before reading each process's CPU: work a target defers
 * (the ledger's timer flushes a partial batch every second) must be counted in its CPU.
 */
const SETTLE_MS = 1_500;

/** CPU ms of every process of a side (all threads, and V8's helper threads alone), summed; NaN when any cannot be read. */
function sideCpuMs(side: readonly PairSide[]): readonly [number, number] {
  return [side.reduce((sum, s) => sum + (cpuMs(s.pid) ?? Number.NaN), 0), side.reduce((sum, s) => sum + (v8HelperCpuMs(s.pid) ?? Number.NaN), 0)];
}

/** Nearest-rank quantile of ascending `sorted` (0 < q ≤ 1). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1] ?? Number.NaN;
}

async function slice(session: LoadSession, ms: number, totals: SideTotals): Promise<number> {
  const phase = await session.run(ms);
  totals.ok += phase.samplesUs.length;
  totals.errors += phase.errors.non2xx + phase.errors.transport + phase.errors.incomplete;
  totals.elapsedMs += phase.elapsedMs;
  return phase.samplesUs.length / (phase.elapsedMs / 1_000);
}

/**
 * Measures `a` against `b`: each pair runs one slice on each, in alternating order, so drift of
 * the machine (seconds-long swings of ±20% on a shared 2-core box) hits both sides of a pair
 * alike. Each side may be several processes of the same target: pair i uses the (i mod n)-th of
 * each, so one process's own luck (how V8 happened to compile or size it) is averaged with the
 * others'. The verdict uses the median of the per-pair throughput ratios, which a stray slow
 * slice (a GC, a scheduler hiccup) cannot move; the pooled ratio and CPU per request come with it.
 * CPU per request is each side's processes' CPU from the first slice until they settle after the
 * last, over the requests they served: work a target puts off (a batch written after its slice
 * ended, a timer's flush) lands in some later slice, often the other side's, so CPU read per
 * slice would miss it. Throughput per slice cannot be mended that way: such deferred work slows
 * whichever slice it falls in, which favours the side that defers by up to its share of the
 * other side's slices. With `steady`, the warm-up goes on until every process runs steady (see
 * HelperShare), for at most `steady.maxExtraMs` more.
 */
export async function comparePaired(a: readonly PairSide[], b: readonly PairSide[], scenario: Scenario, options: PairOptions, steady?: SteadyOptions): Promise<PairedStats> {
  const n = Math.min(a.length, b.length);
  if (n === 0) throw new Error('comparePaired needs at least one process per side');
  const sides = [a.slice(0, n), b.slice(0, n)] as const;
  const sessions = sides.map((list) => list.map((side) => openSession({ origin: side.origin, request: side.request, concurrency: scenario.concurrency })));
  const totals: [SideTotals, SideTotals] = [{ ok: 0, errors: 0, elapsedMs: 0 }, { ok: 0, errors: 0, elapsedMs: 0 }];
  const cpu: [number, number] = [Number.NaN, Number.NaN];
  const helpers: [number, number] = [Number.NaN, Number.NaN];
  const ratios: number[] = [];
  let warmupMs = 0;
  let settled = true;
  try {
    // First each process alone until it runs steady: a gateway idle for about a minute (as these
    // were, through the others' warm-up and the grid) was seen spending its next seconds at 3–4×
    // the CPU per request, recompiling, and one slice in every 2n is too little to get over it.
    if (steady !== undefined) {
      let solo = 0;
      for (let i = 0; i < n; i++) {
        for (const side of i % 2 === 1 ? ([1, 0] as const) : ([0, 1] as const)) solo += await warmUp(sessions[side]?.[i] as LoadSession, sides[side][i]?.pid, 0, steady);
      }
      warmupMs += solo / (2 * n);
    }
    // Warmed in the measured rhythm (slices of the same length, in pair order a1 b1 b2 a2 …),
    // not one long warm-up per process in turn: that left the first processes idle for the
    // others' whole warm-up, and a process idle for tens of seconds re-optimises its hot code
    // during its next slices. This way no process sits idle longer than one round before it is
    // measured, and every slice meets a process in the state steady traffic keeps it in. Rounds
    // go on past the fixed ones until one in which every process ran steady, within bounds.
    // Only read when there is a bound to judge against (not in --quick runs).
    const watches = steady === undefined ? undefined : sides.map((list) => list.map((side) => new HelperShare(side.pid)));
    const fixedRounds = Math.ceil(options.warmupMs / options.sliceMs);
    let extraSince: number | null = null;
    for (let round = 0; ; round++) {
      let calm = true;
      for (let i = 0; i < n; i++) {
        for (const side of (round + i) % 2 === 1 ? ([1, 0] as const) : ([0, 1] as const)) {
          const watch = watches?.[side]?.[i];
          watch?.start();
          await sessions[side]?.[i]?.run(options.sliceMs);
          if (watch !== undefined && steady !== undefined && !isSteady(watch.share(), steady)) calm = false;
        }
      }
      warmupMs += options.sliceMs;
      if (round + 1 < fixedRounds) continue;
      if (steady === undefined || calm) break;
      extraSince ??= performance.now();
      if (performance.now() - extraSince >= steady.maxExtraMs) {
        settled = false;
        break;
      }
    }
    // The warm-up's own deferred work must not count against the measured requests.
    await sleep(SETTLE_MS);
    const cpuBefore = [sideCpuMs(sides[0]), sideCpuMs(sides[1])] as const;
    for (let pair = 0; pair < options.pairs; pair++) {
      const instance = pair % n;
      // Each process pair takes both orders in turn, whatever n is.
      const flip = Math.floor(pair / n) % 2 === 1;
      const rps: [number, number] = [0, 0];
      for (const i of flip ? ([1, 0] as const) : ([0, 1] as const)) {
        rps[i] = await slice(sessions[i]?.[instance] as LoadSession, options.sliceMs, totals[i]);
      }
      if (rps[1] > 0) ratios.push(rps[0] / rps[1]);
    }
    await sleep(SETTLE_MS);
    for (const i of [0, 1] as const) {
      const [all, v8] = sideCpuMs(sides[i]);
      cpu[i] = all - cpuBefore[i][0];
      helpers[i] = v8 - cpuBefore[i][1];
    }
  } finally {
    await Promise.allSettled(sessions.flat().map((s) => s.close()));
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  const rate = (t: SideTotals): number => (t.elapsedMs > 0 ? t.ok / (t.elapsedMs / 1_000) : 0);
  const perRequest = (ms: number, i: 0 | 1): number => (totals[i].ok > 0 ? (ms * 1_000) / totals[i].ok : Number.NaN);
  return {
    pairs: ratios.length,
    medianRatio: quantile(sorted, 0.5),
    lowerQuartile: quantile(sorted, 0.25),
    upperQuartile: quantile(sorted, 0.75),
    rps: [rate(totals[0]), rate(totals[1])],
    cpuUsPerRequest: [perRequest(cpu[0], 0), perRequest(cpu[1], 1)],
    v8HelperUsPerRequest: [perRequest(helpers[0], 0), perRequest(helpers[1], 1)],
    errors: totals[0].errors + totals[1].errors,
    warmupMs,
    steady: settled,
  };
}
