// The runner: one fake upstream, every target started once, each scenario measured against each target in turn.
import { fileURLToPath } from 'node:url';
import { startScript } from './children.ts';
import { cpuMs } from './cpu.ts';
import { openSession, summarize, type LoadSession, type PhaseResult } from './load.ts';
import { comparePaired } from './paired.ts';
import { warmUp, type SteadyOptions } from './steady.ts';
import { openAIChatRequest } from './targets.ts';
import type { BenchResult, Measurement, PairedMeasurement, RunOptions, Scenario, StartedTarget, Target } from './types.ts';

const FAKE_UPSTREAM = fileURLToPath(new URL('./fake-upstream.ts', import.meta.url));

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function ms(us: number): string {
  return (us / 1_000).toFixed(3);
}

interface Cell {
  readonly target: Target;
  readonly pid: number | undefined;
  readonly session: LoadSession;
  readonly phases: PhaseResult[];
  cpuMs: number;
}

/** One scenario: warm every target (until it runs steady), then measured rounds in rotating target order. */
async function runScenario(
  scenario: Scenario,
  targets: readonly Target[],
  running: ReadonlyMap<string, StartedTarget>,
  skipped: ReadonlyMap<string, string>,
  options: RunOptions,
  log: (line: string) => void,
): Promise<Measurement[]> {
  const cells: Cell[] = [];
  for (const target of targets) {
    const started = running.get(target.name);
    if (started === undefined) continue;
    const request = (target.request ?? openAIChatRequest)(scenario);
    const session = openSession({ origin: started.origin, request, concurrency: scenario.concurrency });
    cells.push({ target, pid: started.pid, session, phases: [], cpuMs: 0 });
  }
  try {
    for (const cell of cells) if (options.warmupMs > 0) await warmUp(cell.session, cell.pid, options.warmupMs, options.steady);
    const sliceMs = options.measureMs / options.rounds;
    for (let round = 0; round < options.rounds; round++) {
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[(round + i) % cells.length];
        if (cell === undefined) continue;
        const before = cpuMs(cell.pid);
        cell.phases.push(await cell.session.run(sliceMs));
        const after = cpuMs(cell.pid);
        cell.cpuMs += before === undefined || after === undefined ? Number.NaN : after - before;
      }
    }
  } finally {
    await Promise.allSettled(cells.map((c) => c.session.close()));
  }
  return targets.map((target) => {
    const cell = cells.find((c) => c.target === target);
    if (cell === undefined) return { scenario, target: target.name, stats: undefined, skipped: skipped.get(target.name) ?? 'not started' };
    const stats = summarize(cell.phases, cell.cpuMs);
    const errors = stats.errors.non2xx + stats.errors.transport + stats.errors.incomplete;
    log(`${scenario.name.padEnd(16)} ${target.name.padEnd(14)} ${stats.rps.toFixed(0).padStart(7)} req/s  p50 ${ms(stats.p50Us)} ms  p99 ${ms(stats.p99Us)} ms  errors ${errors}  cpu ${stats.cpuUsPerRequest.toFixed(1)} µs/req`);
    return { scenario, target: target.name, stats, skipped: undefined };
  });
}

/**
 * The order the `i`-th processes of `list` are started and warmed in: as listed for #1, reversed
 * for #2, and so on (see startExtraProcesses for why no side may always go first).
 */
function turnOrder<T>(list: readonly T[], i: number): readonly T[] {
  return i % 2 === 1 ? [...list].reverse() : list;
}

/** Every running process of a target: the grid's own first, then the extra ones comparisons asked for. */
type Processes = ReadonlyMap<string, readonly StartedTarget[]>;

/**
 * Warms every target once before anything is measured, on each scenario's load in turn: a fresh
 * process needs tens of thousands of requests before V8 has compiled its hot paths, and a target
 * with more code (the ledger, say) takes longer to get there. Each process gets `ms` spread over
 * the scenarios, and on each scenario more until it runs steady (`steady`; on a 2-core VM a fresh
 * gateway took ~8 s of streamed requests at concurrency 1, ~1.5 s at concurrency 50). Every
 * target's first process goes first, then every target's second, and so on, so the processes two
 * comparisons pair up are warmed close together and sit idle for about as long before they are
 * measured.
 */
async function warmTargets(targets: readonly Target[], scenarios: readonly Scenario[], processes: Processes, ms: number, steady: SteadyOptions | undefined, log: (line: string) => void): Promise<void> {
  if (ms <= 0 || scenarios.length === 0) return;
  const slice = ms / scenarios.length;
  const most = Math.max(0, ...targets.map((t) => processes.get(t.name)?.length ?? 0));
  for (let i = 0; i < most; i++) {
    for (const target of turnOrder(targets, i)) {
      const started = processes.get(target.name)?.[i];
      if (started === undefined) continue;
      const given: string[] = [];
      for (const scenario of scenarios) {
        const session = openSession({ origin: started.origin, request: (target.request ?? openAIChatRequest)(scenario), concurrency: scenario.concurrency });
        try {
          given.push(`${scenario.name} ${(await warmUp(session, started.pid, slice, steady) / 1_000).toFixed(1)} s`);
        } finally {
          await session.close();
        }
      }
      log(`warmed ${target.name}${i === 0 ? '' : ` #${i + 1}`}: ${given.join(', ')}`);
    }
  }
}

/** The scenario's head-to-head comparisons whose two targets are both running. */
async function runComparisons(scenario: Scenario, targets: readonly Target[], processes: Processes, options: RunOptions, log: (line: string) => void): Promise<PairedMeasurement[]> {
  const out: PairedMeasurement[] = [];
  if (options.pairing === undefined) return out;
  for (const comparison of options.comparisons ?? []) {
    const sides = [comparison.target, comparison.versus].map((name) => {
      const target = targets.find((t) => t.name === name);
      const started = processes.get(name) ?? [];
      return target === undefined || started.length === 0 ? undefined : started.map((p) => ({ origin: p.origin, pid: p.pid, request: (target.request ?? openAIChatRequest)(scenario) }));
    });
    const [a, b] = sides;
    if (a === undefined || b === undefined) continue;
    const stats = await comparePaired(a, b, scenario, options.pairing, options.steady);
    log(`${scenario.name.padEnd(16)} ${comparison.target} vs ${comparison.versus}: median ratio ${stats.medianRatio.toFixed(3)} over ${stats.pairs} pairs (warm-up ${(stats.warmupMs / 1_000).toFixed(2)} s per process${stats.steady ? '' : ', not steady'})`);
    out.push({ comparison, scenario, stats });
  }
  return out;
}

/**
 * Starts the extra processes the comparisons need (`pairing.processes` per side in all) into
 * `extra`, keyed by target, taking the targets in turn (a #2 of each, then a #3 of each …) so
 * neither side's processes are all older than the other's, and in alternating order (#1 as the
 * target list has it, #2 in reverse, #3 as listed …): of two processes started one after the
 * other, the first was seen using 10–28 µs more CPU per request for its whole life (five runs,
 * streamed requests at concurrency 1, two identical gateways, whichever started first), and a side
 * always started first carries that into every comparison. One that fails to start is logged,
 * and its side runs with fewer.
 */
async function startExtraProcesses(targets: readonly Target[], running: ReadonlyMap<string, StartedTarget>, upstream: StartedTarget, options: RunOptions, extra: Map<string, StartedTarget[]>, log: (line: string) => void): Promise<void> {
  const wanted = Math.max(1, options.pairing?.processes ?? 1);
  const names = [...new Set((options.comparisons ?? []).flatMap((c) => [c.target, c.versus]))];
  const failed = new Set<string>();
  for (let i = 1; i < wanted; i++) {
    for (const name of turnOrder(names, i)) {
      const target = targets.find((t) => t.name === name);
      if (target === undefined || !running.has(name) || failed.has(name)) continue;
      const list = extra.get(name) ?? [];
      extra.set(name, list);
      try {
        list.push(await target.start(upstream));
        log(`started ${name} #${i + 1}`);
      } catch (err) {
        log(`could not start ${name} #${i + 1}: ${message(err)}`);
        failed.add(name);
      }
    }
  }
}

/**
 * Measures every scenario against every target and returns the grid. Targets that fail to start are
 * skipped with their reason. Targets stay up for the whole run and are warmed once at the start;
 * scenarios interleave them in rounds. After each scenario's grid, its head-to-head comparisons run
 * in alternating slices.
 */
export async function runScenarios(targets: readonly Target[], scenarios: readonly Scenario[], options: RunOptions): Promise<BenchResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const startedAt = new Date();
  const upstream = await startScript(FAKE_UPSTREAM, []);
  const running = new Map<string, StartedTarget>();
  const extra = new Map<string, StartedTarget[]>();
  const skipped = new Map<string, string>();
  const measurements: Measurement[] = [];
  const paired: PairedMeasurement[] = [];
  try {
    for (const target of targets) {
      try {
        running.set(target.name, await target.start(upstream));
        log(`started ${target.name}`);
      } catch (err) {
        skipped.set(target.name, message(err));
        log(`skipping ${target.name}: ${message(err)}`);
      }
    }
    await startExtraProcesses(targets, running, upstream, options, extra, log);
    const processes: Processes = new Map([...running].map(([name, started]) => [name, [started, ...(extra.get(name) ?? [])]]));
    await warmTargets(targets, scenarios, processes, options.startWarmupMs ?? 0, options.steady, log);
    for (const scenario of scenarios) {
      measurements.push(...await runScenario(scenario, targets, running, skipped, options, log));
      paired.push(...await runComparisons(scenario, targets, processes, options, log));
    }
  } finally {
    await Promise.allSettled([...running.values(), ...[...extra.values()].flat()].map((t) => t.stop()));
    await upstream.stop();
  }
  return { startedAt, options, targets, scenarios, measurements, paired };
}
