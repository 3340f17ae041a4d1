// Target factories: direct, the minimal passthrough, and the Switchboard gateway with a generated config.
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { GATEWAY_NODE_FLAGS } from '../src/lifecycle/node-flags.ts';
import { atExit, exitDescription, freePort, spawnTracked, startScript, stopChild } from './children.ts';
import { waitReady } from './ready.ts';
import type { Goals, RequestSpec, Scenario, Target, Upstream } from './types.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The OpenAI chat completion every scenario sends unless a target says otherwise. */
export function openAIChatRequest(scenario: Scenario): RequestSpec {
  const body = {
    model: 'bench-model',
    messages: [
      { role: 'system', content: 'You are a concise assistant.' },
      { role: 'user', content: 'In one sentence: what does an LLM gateway do?' },
    ],
    max_tokens: 64,
    temperature: 0,
    ...(scenario.stream ? { stream: true } : {}),
  };
  return {
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(body)),
    ...(scenario.stream ? { endMarker: 'data: [DONE]' } : {}),
  };
}

/** Load straight at the fake upstream: the floor every other target is compared with. */
export function directTarget(name = 'direct'): Target {
  return { name, start: async (upstream) => ({ origin: upstream.origin, pid: upstream.pid, stop: async () => {} }) };
}

/** The minimal node:http + undici pass-through in its own process: the yardstick for gateway overhead. */
export function passthroughTarget(name = 'passthrough'): Target {
  const script = join(REPO_ROOT, 'bench', 'passthrough.ts');
  return { name, start: (upstream) => startScript(script, [upstream.origin]) };
}

/** The default gateway config: one OpenAI-type endpoint pointing at the fake upstream; the ledger's database in the run's temp dir. */
export function singleEndpointConfig(upstream: Upstream, dir?: string): Record<string, unknown> {
  return {
    server: { host: '127.0.0.1', port: 0 },
    ...(dir === undefined ? {} : { storage: { url: `sqlite://${join(dir, 'switchboard.db')}` } }),
    // Access logs go to a file in the bench; they are not what is being measured.
    logging: { accessLog: false },
    endpoints: [{
      name: 'up',
      type: 'openai',
      baseURL: `${upstream.origin}/v1`,
      apiKey: 'bench-key',
      models: { default: ['bench-model'] },
    }],
  };
}

/** One `type: anthropic` endpoint on the same fake upstream: the translating path. */
export function anthropicEndpointConfig(upstream: Upstream, dir?: string): Record<string, unknown> {
  return {
    ...singleEndpointConfig(upstream, dir),
    endpoints: [{
      name: 'claude',
      type: 'anthropic',
      baseURL: `${upstream.origin}/v1`,
      apiKey: 'bench-key',
      models: { default: ['bench-model'] },
    }],
  };
}

/** How to run one Switchboard variant. */
export interface SwitchboardTargetOptions {
  readonly name: string;
  /** Gateway config (serialised to YAML); defaults to `singleEndpointConfig`. `dir` is the run's temp directory (for the database). */
  readonly config?: (upstream: Upstream, dir: string) => Record<string, unknown>;
  readonly request?: (scenario: Scenario) => RequestSpec;
  readonly goals?: Goals;
  /** Extra environment for the gateway process. */
  readonly env?: Readonly<Record<string, string>>;
  /** Flags for the gateway's Node (V8 flags such as --max-semi-space-size), after those `npm start` passes (a later flag wins). */
  readonly nodeArgs?: readonly string[];
  /** The launcher to run; another checkout's `bin/switchboard.js` compares two versions. */
  readonly bin?: string;
  readonly readyTimeoutMs?: number;
}

async function stderrTail(path: string): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-5).join(' | ').slice(-600);
}

/** Switchboard as a child process (`bin/switchboard.js start`), ready once `/health/ready` answers 200. */
export function switchboardTarget(options: SwitchboardTargetOptions): Target {
  const bin = options.bin ?? join(REPO_ROOT, 'bin', 'switchboard.js');
  const configFor = options.config ?? singleEndpointConfig;
  const start: Target['start'] = async (upstream) => {
    if (!existsSync(bin)) throw new Error(`${bin} does not exist`);
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
    const forget = atExit(() => rmSync(dir, { recursive: true, force: true }));
    const configPath = join(dir, 'config.yaml');
    const stderrPath = join(dir, 'stderr.log');
    await writeFile(configPath, stringify(configFor(upstream, dir)));
    const port = await freePort();
    // stderr goes to a file, not a pipe we would have to drain: logs must not cost the bench process.
    const stderr = await open(stderrPath, 'w');
    const args = ['start', '--config', configPath, '--port', String(port), '--host', '127.0.0.1'];
    // Run as `npm start` runs it: its Node flags first.
    const child = spawnTracked(bin, args, ['ignore', 'ignore', stderr.fd], { ...process.env, ...options.env }, [...GATEWAY_NODE_FLAGS, ...(options.nodeArgs ?? [])]);
    await stderr.close();
    const origin = `http://127.0.0.1:${port}`;
    const cleanup = async (): Promise<void> => {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
      forget();
    };
    try {
      await waitReady(`${origin}/health/ready`, options.readyTimeoutMs ?? 20_000, () =>
        child.exitCode !== null || child.signalCode !== null ? exitDescription(child) : undefined);
    } catch (err) {
      const tail = await stderrTail(stderrPath);
      await cleanup();
      throw new Error(`${err instanceof Error ? err.message : String(err)}${tail ? ` — stderr: ${tail}` : ''}`, { cause: err });
    }
    return { origin, pid: child.pid, stop: cleanup };
  };
  return { name: options.name, start, ...(options.request ? { request: options.request } : {}), ...(options.goals ? { goals: options.goals } : {}) };
}
