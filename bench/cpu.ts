// CPU time of a process from /proc: a per-request cost that stays honest on a busy machine.
import { readdirSync, readFileSync } from 'node:fs';

/** Milliseconds of CPU (user + system) the process has used so far; undefined off Linux. */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** The name V8's platform threads carry: its background JIT compiler and GC helpers run on them. */
const V8_HELPER_THREAD = 'V8Worker';

/**
 * Milliseconds of CPU the process's V8 helper threads have used so far; undefined off Linux.
 * Much of it while a process serves load means V8 is still (re)compiling its hot code.
 */
export function v8HelperCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const tid of tids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended between the listing and the read
    }
    if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== V8_HELPER_THREAD) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return Number.isFinite(ticks) ? ticks * 10 : undefined;
}
