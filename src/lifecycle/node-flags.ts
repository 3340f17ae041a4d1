/**
 * Flags for Node's command line when it runs the gateway: `npm start`, the container image and
 * the bench pass them. `--no-maglev` leaves V8's mid-tier compiler out (functions go from the
 * baseline tier straight to TurboFan). Measured with gateway processes side by side: ~5–25% less
 * CPU per request at steady state (most at concurrency 1), and processes of identical code within
 * ~4–8% of each other instead of 10–20%. V8 only honours it on the command line (NODE_OPTIONS
 * refuses it), and set at run time through `v8.setFlagsFromString` it made things worse than
 * leaving Maglev on (~120 against ~100 µs per request at concurrency 1), so the gateway cannot
 * set it itself.
 */
export const GATEWAY_NODE_FLAGS = ['--no-maglev'] as const;

/** Whether Node was started with its own choice about Maglev (`--maglev` or `--no-maglev`). */
export function maglevChosen(execArgv: readonly string[] = process.execArgv): boolean {
  return execArgv.some((arg) => /^--(no-)?maglev$/.test(arg));
}
