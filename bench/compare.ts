// The head-to-head comparisons section of the report (e.g. ledger on vs off), from paired slices.
import type { SteadyOptions } from './steady.ts';
import type { BenchResult, Comparison, PairOptions } from './types.ts';

function fmt(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

function method(p: PairOptions, steady: SteadyOptions | undefined): string {
  const spread = p.processes > 1 ? `, spread over ${p.processes} processes per side (pair i uses the (i mod ${p.processes})-th of each, so no single process's luck decides)` : '';
  const solo = steady === undefined ? '' : ` each process alone until it ran steady (V8's helper threads, its background compiler, took at most ${steady.maxHelperShare * 100}% of its CPU over two 0.5 s steps: a process idle for a minute recompiles its hot code), then`;
  const untilSteady = steady === undefined ? '' : `, and more until a round of them in which every process ran steady (at most ${steady.maxExtraMs / 1_000} s more)`;
  return `Measured after each scenario's grid, on fresh connections:${solo} ${p.warmupMs / 1_000} s of warm-up per process (unmeasured slices in the measured rhythm and order, so no process sits idle before its first measured slice)${untilSteady}, then ${p.pairs} pairs of ${p.sliceMs} ms slices in alternating order (A B, B A, …)${spread}. The verdict is the median of the per-pair throughput ratios, with the middle half of them in brackets; the pooled ratio and each side's CPU µs per request follow (all threads, the SQLite worker and GC helpers included, read over the whole comparison so that work done after a slice ended counts too). Such deferred work (the ledger writes a batch once it fills, and the rest on a timer) slows whichever slice it falls in, often the other side's, so the throughput ratios lean slightly towards the side that defers. V8's helper threads (background JIT compiles, concurrent GC) are shown apart: a warm process uses a few µs per request there; tens or more mean a side was still compiling during its slices (processes that sat idle for a minute were seen re-optimising their hot code), and its slices were not at steady state.`;
}

/** Markdown sections for the comparisons that were measured. */
export function compareLines(result: BenchResult, comparisons: readonly Comparison[]): string {
  const out: string[] = [];
  for (const c of comparisons) {
    const lines: string[] = [];
    for (const m of result.paired) {
      if (m.comparison.title !== c.title) continue;
      const s = m.stats;
      const met = s.medianRatio >= c.minThroughputRatio;
      const pooled = s.rps[1] > 0 ? s.rps[0] / s.rps[1] : Number.NaN;
      const cpu = `CPU ${fmt(s.cpuUsPerRequest[0], 1)} vs ${fmt(s.cpuUsPerRequest[1], 1)} µs/req (${s.cpuUsPerRequest[0] >= s.cpuUsPerRequest[1] ? '+' : ''}${fmt(s.cpuUsPerRequest[0] - s.cpuUsPerRequest[1], 1)}), of which V8's helper threads ${fmt(s.v8HelperUsPerRequest[0], 1)} vs ${fmt(s.v8HelperUsPerRequest[1], 1)}`;
      const errors = s.errors > 0 ? `; **${s.errors} errors**` : '';
      const warm = `; warm-up ${fmt(s.warmupMs / 1_000, 2)} s per process${s.steady ? '' : ' (**bound reached, not steady**)'}`;
      lines.push(`- **${m.scenario.name}** — ${c.target}: median ${fmt(s.medianRatio, 2)}× ${c.versus} [${fmt(s.lowerQuartile, 2)}–${fmt(s.upperQuartile, 2)}] over ${s.pairs} pairs (goal ≥${c.minThroughputRatio}×: ${met ? 'met' : '**not met**'}); pooled ${fmt(s.rps[0], 0)} vs ${fmt(s.rps[1], 0)} req/s = ${fmt(pooled, 2)}×; ${cpu}${warm}${errors}`);
    }
    if (lines.length > 0) out.push('', `## ${c.title}`, '', ...lines);
  }
  if (out.length > 0 && result.options.pairing !== undefined) out.push('', method(result.options.pairing, result.options.steady));
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
