// `npm run bench`: direct vs passthrough vs Switchboard, streaming and not, at concurrency 1 and 50.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runScenarios } from './harness.ts';
import { formatReport } from './report.ts';
import { compareLines } from './compare.ts';
import { anthropicEndpointConfig, directTarget, passthroughTarget, singleEndpointConfig, switchboardTarget } from './targets.ts';
import { groupConfig, groupRequest } from './routing-targets.ts';
import type { Comparison, Scenario, Target } from './types.ts';

/** The goals: ≥0.8× passthrough throughput, ≤1 ms added p99 at concurrency 1. */
export const GATEWAY_GOALS = { versus: 'passthrough', minThroughputRatio: 0.8, maxAddedP99Ms: 1, latencyAtConcurrency: 1 } as const;

/** Targets, in table order; add gateway variants here (configs, request shapes) to compare them. */
export const TARGETS: readonly Target[] = [
  directTarget(),
  passthroughTarget(),
  switchboardTarget({ name: 'switchboard', goals: GATEWAY_GOALS }),
  // The core proxy alone (issue 2's scope): no usage ledger, no metrics.
  switchboardTarget({ name: 'sb-core', goals: GATEWAY_GOALS, config: (upstream, dir) => ({ ...singleEndpointConfig(upstream, dir), ledger: { enabled: false }, metrics: { enabled: false } }) }),
  // The translating path: the same OpenAI request, answered by a `type: anthropic` endpoint.
  switchboardTarget({ name: 'sb-anthropic', config: anthropicEndpointConfig, goals: GATEWAY_GOALS }),
  switchboardTarget({ name: 'switchboard-ledger-off', config: (upstream, dir) => ({ ...singleEndpointConfig(upstream, dir), ledger: { enabled: false } }) }),
  // Issue 5: a group of 100 deployments may cost at most 5% throughput against a group of one.
  switchboardTarget({ name: 'sb-group-1', config: groupConfig(1), request: groupRequest }),
  switchboardTarget({ name: 'sb-group-100', config: groupConfig(100), request: groupRequest, goals: { versus: 'sb-group-1', minThroughputRatio: 0.95, maxAddedP99Ms: 1, latencyAtConcurrency: 1 } }),
];

/** Pairs of targets compared head to head (issue 4: the ledger costs at most 10% of throughput). */
export const COMPARISONS: readonly Comparison[] = [
  { title: 'Ledger on vs off', target: 'switchboard', versus: 'switchboard-ledger-off', minThroughputRatio: 0.9 },
];

/** Load shapes, each run against every target. */
export const SCENARIOS: readonly Scenario[] = [
  { name: 'non-stream c1', stream: false, concurrency: 1 },
  { name: 'non-stream c50', stream: false, concurrency: 50 },
  { name: 'stream c1', stream: true, concurrency: 1 },
  { name: 'stream c50', stream: true, concurrency: 50 },
];

/** A number from the environment (`fallback` when unset), refused unless `valid`; `expected` says what is. */
function envNumber(name: string, fallback: number, valid: (value: number) => boolean, expected: string): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!valid(value)) throw new Error(`${name} must be ${expected}, got "${raw}"`);
  return value;
}

function count(name: string, fallback: number): number {
  return envNumber(name, fallback, (v) => Number.isInteger(v) && v >= 1 && v <= 10_000, 'a whole number in [1, 10000]');
}

function seconds(name: string, fallback: number): number {
  return envNumber(name, fallback, (v) => Number.isFinite(v) && v > 0 && v <= 600, 'a number of seconds in (0, 600]');
}

function share(name: string, fallback: number): number {
  return envNumber(name, fallback, (v) => Number.isFinite(v) && v > 0 && v < 1, 'a share in (0, 1)');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      targets: { type: 'string' },
    },
  });
  const measureS = seconds('BENCH_SECONDS', values.quick ? 1 : 5);
  const warmupS = seconds('BENCH_WARMUP_SECONDS', values.quick ? 0.3 : 1);
  // About one-second rounds by default: short enough to interleave drift away, long enough to fill the pipes.
  const rounds = Math.round(seconds('BENCH_ROUNDS', Math.max(2, Math.round(measureS))));
  const wanted = values.targets?.split(',').map((t) => t.trim());
  const targets = wanted ? TARGETS.filter((t) => wanted.includes(t.name)) : TARGETS;
  if (targets.length === 0) throw new Error(`no target matches --targets=${values.targets}; known: ${TARGETS.map((t) => t.name).join(', ')}`);

  const pairing = {
    warmupMs: seconds('BENCH_PAIR_WARMUP_SECONDS', values.quick ? 0.3 : 2) * 1_000,
    pairs: count('BENCH_PAIRS', values.quick ? 4 : 60),
    sliceMs: seconds('BENCH_PAIR_SECONDS', values.quick ? 0.1 : 0.25) * 1_000,
    processes: count('BENCH_PAIR_PROCESSES', values.quick ? 1 : 6),
  };
  // A quick run has no time to wait for steady processes; its numbers are a smoke test anyway.
  const steady = values.quick ? undefined : {
    maxHelperShare: share('BENCH_STEADY_SHARE', 0.05),
    maxExtraMs: seconds('BENCH_STEADY_MAX_SECONDS', 20) * 1_000,
  };
  const result = await runScenarios(targets, SCENARIOS, {
    startWarmupMs: seconds('BENCH_START_WARMUP_SECONDS', values.quick ? 0.5 : 10) * 1_000,
    warmupMs: warmupS * 1_000,
    steady,
    measureMs: measureS * 1_000,
    rounds: Math.max(1, rounds),
    baseline: 'direct',
    comparisons: COMPARISONS,
    pairing,
  });
  const report = formatReport(result, values.quick ? 'Switchboard benchmark (quick)' : 'Switchboard benchmark') + compareLines(result, COMPARISONS);
  process.stdout.write(`\n${report}`);

  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  // Colons are not allowed in Windows file names.
  const stamp = result.startedAt.toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  await writeFile(`${dir}latest.md`, report);
  await writeFile(`${dir}${stamp}.md`, report);
  console.error(`wrote bench/results/latest.md and bench/results/${stamp}.md`);
}

if (import.meta.main) {
  // Explicit exit: the run must end by itself even if a library leaves a handle open.
  main().then(() => process.exit(0), (err: unknown) => {
    console.error('bench failed:', err);
    process.exit(1);
  });
}
