import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));

/** One JSON log line of the child. */
export type LogLine = Record<string, unknown> & { msg?: string };

/** `bin/switchboard.js start` in a child process, with its JSON log lines readable as events. */
export class ChildGateway {
  readonly lines: LogLine[] = [];
  readonly configPath: string;
  url = '';
  readonly #dir: string;
  readonly #child: ChildProcess;
  readonly #waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  readonly exited: Promise<number | null>;

  private constructor(dir: string, configPath: string, env: NodeJS.ProcessEnv, nodeArgs: readonly string[]) {
    this.#dir = dir;
    this.configPath = configPath;
    this.#child = spawn(process.execPath, [...nodeArgs, BIN, 'start', '--config', configPath, '--port', '0', '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      // In its temp dir, so the default ./data database lands there and not in the repo.
      cwd: dir,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
    });
    this.exited = once(this.#child, 'exit').then(([code]) => code as number | null);
    createInterface({ input: this.#child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        return;
      }
      this.lines.push(line);
      for (const w of [...this.#waiters]) {
        if (!w.match(line)) continue;
        this.#waiters.splice(this.#waiters.indexOf(w), 1);
        w.resolve(line);
      }
    });
  }

  /** Writes `config` to a temporary file and starts the gateway on it (`nodeArgs`: flags for its Node); resolves once it listens. */
  static async start(config: Record<string, unknown>, env: NodeJS.ProcessEnv = {}, nodeArgs: readonly string[] = []): Promise<ChildGateway> {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-child-'));
    const path = join(dir, 'switchboard.yaml');
    await writeFile(path, stringify(config));
    const gw = new ChildGateway(dir, path, env, nodeArgs);
    const listening = await Promise.race([
      gw.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('Switchboard listening')),
      gw.exited.then((code) => {
        throw new Error(`gateway exited with ${String(code)} before listening`);
      }),
    ]);
    gw.url = String(listening.url);
    return gw;
  }

  /** Resolves with the first log line (past or future) that matches. */
  waitFor(match: (l: LogLine) => boolean): Promise<LogLine> {
    const seen = this.lines.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }

  /** Resolves with the first log line whose msg is `msg`. */
  waitForMsg(msg: string): Promise<LogLine> {
    return this.waitFor((l) => l.msg === msg);
  }

  signal(name: NodeJS.Signals): void {
    this.#child.kill(name);
  }

  /** Kills the child if it still runs and removes its files. */
  async dispose(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.kill('SIGKILL');
      await this.exited;
    }
    await rm(this.#dir, { recursive: true, force: true });
  }
}
