// When a process has stopped compiling: the share of its CPU that V8's helper threads take.
import { threadCpuNs, type ThreadCpuNs } from './cpu.ts';
import type { LoadSession } from './load.ts';

/** What "warm" means, and how long to wait for it. */
export interface SteadyOptions {
  /** Most of a process's CPU its V8 helper threads may use over a slice for the process to count as warm. */
  readonly maxHelperShare: number;
  /** Most extra warm-up to give one process (per scenario, or per comparison) while waiting for that. */
  readonly maxExtraMs: number;
}

/**
 * Watches one process from `start()` on. A fresh gateway spends a large share of its CPU on V8's
 * helper threads (background TurboFan compiles) until its hot paths are optimised; on a warm one
 * they only run concurrent GC, 0.5–3% of its CPU (measured on a 2-core VM, every scenario). A
 * slice in which the share stayed under the bound was run by steady code.
 */
export class HelperShare {
  readonly #pid: number | undefined;
  #from: ThreadCpuNs | undefined;

  constructor(pid: number | undefined) {
    this.#pid = pid;
  }

  /** Starts a new interval. */
  start(): void {
    this.#from = threadCpuNs(this.#pid);
  }

  /** The helper threads' share of the process's CPU since start() (NaN when unreadable). */
  share(): number {
    const to = threadCpuNs(this.#pid);
    const from = this.#from;
    if (to === undefined || from === undefined || to.all <= from.all) return Number.NaN;
    return (to.helpers - from.helpers) / (to.all - from.all);
  }
}

/** Whether a measured share counts as warm; an unreadable one (off Linux) does, so the wait never hangs on it. */
export function isSteady(share: number, options: SteadyOptions): boolean {
  return Number.isNaN(share) || share <= options.maxHelperShare;
}

/** Length of one warm-up step: long enough for the share to mean something, short enough not to overshoot much. */
const STEP_MS = 500;
/** Steady steps in a row that end the wait: one can be a lull between two compiles. */
const CALM_STEPS = 2;

/**
 * Gives one process at least `minMs` of load in steps, then more until two steps in a row ran
 * steady (see HelperShare) or `steady.maxExtraMs` more was given. Returns the ms of load given.
 */
export async function warmUp(session: LoadSession, pid: number | undefined, minMs: number, steady: SteadyOptions | undefined): Promise<number> {
  const watch = new HelperShare(pid);
  const cap = minMs + (steady?.maxExtraMs ?? 0);
  let given = 0;
  let calm = 0;
  while (given < minMs || (steady !== undefined && calm < CALM_STEPS && given < cap)) {
    watch.start();
    const phase = await session.run(Math.min(STEP_MS, Math.max(1, (given < minMs ? minMs : cap) - given)));
    given += phase.elapsedMs;
    calm = steady === undefined || isSteady(watch.share(), steady) ? calm + 1 : 0;
  }
  return given;
}
