// Child processes of the benchmark: spawned with the running Node, tracked, and always killed on exit.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

const live = new Set<ChildProcess>();
const exitTasks = new Set<() => void>();
let hooksInstalled = false;

function killAllNow(): void {
  // SIGKILL because 'exit' handlers cannot wait for a graceful shutdown.
  for (const child of live) child.kill('SIGKILL');
  for (const task of exitTasks) {
    try {
      task();
    } catch {
      // Best effort: one failing cleanup must not keep the others from running.
    }
  }
}

/** Registers synchronous cleanup to run if the process exits early; call the returned function once it is done normally. */
export function atExit(task: () => void): () => void {
  installExitHooks();
  exitTasks.add(task);
  return () => exitTasks.delete(task);
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\nbench: ${signal}, stopping child processes`);
      process.exit(130);
    });
  }
  process.on('uncaughtException', (err) => {
    console.error('bench: uncaught exception', err);
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    console.error('bench: unhandled rejection', err);
    process.exit(1);
  });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Spawns `node ...nodeArgs file ...args`, killed when this process exits, fails or is interrupted. */
export function spawnTracked(file: string, args: readonly string[], stdio: StdioOptions, env: NodeJS.ProcessEnv = process.env, nodeArgs: readonly string[] = []): ChildProcess {
  installExitHooks();
  const child = spawn(process.execPath, [...nodeArgs, file, ...args], { stdio, env });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Stops a child with SIGTERM, escalating to SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Describes how a child ended, for skip messages. */
export function exitDescription(child: ChildProcess): string {
  return child.signalCode !== null ? `killed by ${child.signalCode}` : `exited with code ${String(child.exitCode)}`;
}

function isPortMessage(msg: unknown): msg is { port: number } {
  return typeof msg === 'object' && msg !== null && 'port' in msg && typeof msg.port === 'number';
}

/** Starts one of our own child scripts, which reports its port over IPC and exits when we disconnect. */
export async function startScript(file: string, args: readonly string[], timeoutMs = 10_000): Promise<{ origin: string; pid: number | undefined; stop(): Promise<void> }> {
  // stdout ignored so nothing mixes into the report; stderr inherited so crashes are visible.
  const child = spawnTracked(file, args, ['ignore', 'ignore', 'inherit', 'ipc']);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${file} did not report a port within ${timeoutMs} ms`)), timeoutMs);
      child.once('error', reject);
      child.once('exit', () => reject(new Error(`${file} ${exitDescription(child)} before listening`)));
      child.on('message', (msg: unknown) => {
        if (!isPortMessage(msg)) return;
        clearTimeout(timer);
        resolve(msg.port);
      });
    });
    return { origin: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => stopChild(child) };
  } catch (err) {
    await stopChild(child);
    throw err;
  }
}

/** Asks the OS for a free loopback port (there is a small race until the target binds it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not read a free port');
  return address.port;
}
