// CPU time of a process from /proc: a per-request cost that stays honest on a busy machine.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ is 100 on Linux: a tick is 10 ms. */
const MS_PER_TICK = 10;

/** A /proc stat line's user + system CPU in ms (NaN if unreadable). */
function statCpuMs(stat: string): number {
  // Fields after the name (which may hold spaces or parentheses) start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** Milliseconds of CPU (user + system) the process has used so far; undefined off Linux. */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const ms = statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}

/** The name V8's platform threads carry: its background JIT compiler and GC helpers run on them. */
const V8_HELPER_THREAD = 'V8Worker';

/** CPU nanoseconds of a process so far, all threads and V8's helper threads alone (from schedstat: finer than stat's 10 ms ticks). */
export interface ThreadCpuNs {
  readonly all: number;
  readonly helpers: number;
}

/** All threads' and V8's helper threads' CPU ns so far; undefined off Linux or once the process is gone. */
export function threadCpuNs(pid: number | undefined): ThreadCpuNs | undefined {
  if (pid === undefined) return undefined;
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  let all = 0;
  let helpers = 0;
  for (const tid of tids) {
    try {
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ', 1)[0]);
      all += ns;
      if (readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trimEnd() === V8_HELPER_THREAD) helpers += ns;
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return Number.isFinite(all) ? { all, helpers } : undefined;
}

/**
 * Milliseconds of CPU the process's V8 helper threads have used so far; undefined off Linux.
 * Much of it while a process serves load means V8 is still (re)compiling its hot code.
 */
export function v8HelperCpuMs(pid: number | undefined): number | undefined {
  const ns = threadCpuNs(pid);
  return ns === undefined ? undefined : ns.helpers / 1e6;
}
