// Head-to-head comparisons of two targets (e.g. ledger on vs off), appended to the report.
import type { BenchResult } from './types.ts';

/** `target`'s throughput as a share of `versus`'s, judged against a minimum. */
export interface Comparison {
  readonly title: string;
  readonly target: string;
  readonly versus: string;
  readonly minThroughputRatio: number;
}

/** Markdown sections for the comparisons whose targets were both measured. */
export function compareLines(result: BenchResult, comparisons: readonly Comparison[]): string {
  const out: string[] = [];
  for (const c of comparisons) {
    const lines: string[] = [];
    for (const scenario of result.scenarios) {
      const a = result.measurements.find((m) => m.scenario === scenario && m.target === c.target)?.stats;
      const b = result.measurements.find((m) => m.scenario === scenario && m.target === c.versus)?.stats;
      if (a === undefined || b === undefined || b.rps === 0) continue;
      const ratio = a.rps / b.rps;
      const p99 = (a.p99Us - b.p99Us) / 1_000;
      // CPU per request (all the process's threads, GC helpers and workers included) is the steadier measure on a shared machine.
      const cpu = Number.isFinite(a.cpuUsPerRequest) && Number.isFinite(b.cpuUsPerRequest) ? `; CPU ${a.cpuUsPerRequest.toFixed(1)} vs ${b.cpuUsPerRequest.toFixed(1)} µs/req (+${(a.cpuUsPerRequest - b.cpuUsPerRequest).toFixed(1)})` : '';
      lines.push(`- **${scenario.name}** — ${c.target}: ${a.rps.toFixed(0)} req/s vs ${b.rps.toFixed(0)} = ${ratio.toFixed(2)}× (goal ≥${c.minThroughputRatio}×: ${ratio >= c.minThroughputRatio ? 'met' : '**not met**'}); p99 ${p99 >= 0 ? '+' : ''}${p99.toFixed(3)} ms${cpu}`);
    }
    if (lines.length > 0) out.push('', `## ${c.title}`, '', ...lines);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
