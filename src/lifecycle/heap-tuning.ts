import { setFlagsFromString } from 'node:v8';

/** The old generation may grow to this many percent above what survived the last full GC. */
export const HEAP_GROWING_PERCENT = 300;

/** The flags Node was started with: its command line and NODE_OPTIONS (which execArgv leaves out). */
function startFlags(): string[] {
  return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/).filter((arg) => arg !== '')];
}

/**
 * V8 settings for a long-running server, each applied unless the process was started with its
 * own value for that flag (on the command line or in NODE_OPTIONS). V8 reads both at each
 * collection, so setting them at startup works.
 *
 * - `--heap-growing-percent=300`: lets the old generation grow to 4× its live size between full
 *   collections. When little is promoted, V8 picks a growth factor near 1.1 (a ~75 MB limit for
 *   the gateway's ~35 MB live heap), and its rule to start marking once headroom is below the
 *   young generation's capacity then fires right after every collection: `--trace-gc` showed a
 *   mark-compact every ~150 ms under load, costing ~60 µs of CPU per streamed request.
 * - `--no-allocation-site-pretenuring`: V8 allocates straight into the old generation from any
 *   allocation site whose objects mostly survived a young collection. Under load a collection
 *   can catch Node's own per-callback objects (`process.nextTick`'s tick object) in flight; in
 *   about half of the gateway processes measured, that site was then pretenured for the rest of
 *   the process's life: `nextTick` took 15–21 µs per request instead of 2–4, and garbage
 *   collection twice as long, all of it short-lived objects filling the old generation. (Not
 *   every such process: a later profile, with the flag set, still found one; see docs/deployment.md.)
 */
export function tuneHeap(execArgv: readonly string[] = startFlags()): string[] {
  const given = execArgv.map((arg) => arg.replaceAll('_', '-'));
  const own = (name: string): boolean => given.some((arg) => arg.startsWith(`--${name}`) || arg.startsWith(`--no-${name}`));
  const flags: string[] = [];
  if (!own('heap-growing-percent')) flags.push(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  if (!own('allocation-site-pretenuring')) flags.push('--no-allocation-site-pretenuring');
  for (const flag of flags) setFlagsFromString(flag);
  return flags;
}
