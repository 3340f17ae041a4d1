import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseConfigText } from '../../src/config/load.ts';
import { libreChatEntry, staticModelIds } from '../../src/librechat/export-librechat.ts';
import { permissiveEnv } from '../../src/librechat/permissive-env.ts';
import { GATEWAY_NODE_FLAGS } from '../../src/lifecycle/node-flags.ts';
import { isDockerIgnored, parseDockerfile, splitFlags, type Instruction } from '../helpers/dockerfile.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const DOCKERFILE = parseDockerfile(read('Dockerfile'));
const DOCKERIGNORE = read('.dockerignore');
const PKG = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };

/** The final stage's instructions. */
function finalStage(): Instruction[] {
  const lastFrom = DOCKERFILE.map((i) => i.keyword).lastIndexOf('FROM');
  return DOCKERFILE.slice(lastFrom);
}

function only(keyword: string, stage = finalStage()): Instruction {
  const found = stage.filter((i) => i.keyword === keyword);
  assert.equal(found.length, 1, `exactly one ${keyword}`);
  return found[0] as Instruction;
}

/** Runs an exec-form command the way the container would (node = this Node 24). */
function runExec(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [cmd, ...args] = argv;
  assert.equal(cmd, 'node');
  return new Promise((done) => {
    execFile(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, cwd: ROOT }, (err) => done(err === null ? 0 : Number((err as { code?: number }).code ?? 1)));
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every file the launcher loads at run time, following relative imports; bare specifiers collected apart. */
function runtimeClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
    }
  }
  return { files, packages };
}

describe('Dockerfile', () => {
  it('is multi-stage on an official Node 24 image and runs as a non-root user', () => {
    const froms = DOCKERFILE.filter((i) => i.keyword === 'FROM');
    assert.ok(froms.length >= 2, 'multi-stage');
    const arg = DOCKERFILE.find((i) => i.keyword === 'ARG' && i.args.startsWith('NODE_IMAGE='));
    assert.match(arg?.args ?? '', /^NODE_IMAGE=node:24(-[a-z]+)?$/);
    for (const f of froms) assert.match(f.args, /^\$\{NODE_IMAGE\}/);
    const user = only('USER').args;
    assert.notEqual(user, 'root');
    assert.notEqual(user, '0');
    assert.ok(finalStage().findIndex((i) => i.keyword === 'USER') > finalStage().findLastIndex((i) => i.keyword === 'COPY'), 'USER after the last COPY');
  });

  it('installs production dependencies only, without install scripts', () => {
    const install = DOCKERFILE.find((i) => i.keyword === 'RUN' && i.args.includes('npm ci'));
    assert.match(install?.args ?? '', /npm ci --omit=dev --ignore-scripts/);
  });

  it('COPYs only files that exist and that .dockerignore lets into the build context', () => {
    const copies = DOCKERFILE.filter((i) => i.keyword === 'COPY');
    assert.ok(copies.length > 0);
    for (const copy of copies) {
      const { flags, rest } = splitFlags(copy.args);
      if ('from' in flags) continue;
      const sources = rest.split(/\s+/).slice(0, -1);
      for (const src of sources) {
        assert.ok(existsSync(join(ROOT, src)), `Dockerfile:${copy.line} copies ${src}, which does not exist`);
        assert.equal(isDockerIgnored(DOCKERIGNORE, src.replace(/\/$/, '')), false, `Dockerfile:${copy.line} copies ${src}, which .dockerignore leaves out`);
      }
    }
  });

  it('ships every file the gateway loads, and production dependencies cover every package it imports', () => {
    const cmd = JSON.parse(only('CMD').args) as string[];
    assert.deepEqual(cmd, ['node', ...GATEWAY_NODE_FLAGS, 'bin/switchboard.js', 'start']);
    const copied = finalStage().filter((i) => i.keyword === 'COPY' && !('from' in splitFlags(i.args).flags))
      .flatMap((i) => splitFlags(i.args).rest.split(/\s+/).slice(0, -1).map((s) => s.replace(/\/$/, '')));
    const { files, packages } = runtimeClosure(cmd[1 + GATEWAY_NODE_FLAGS.length] ?? '');
    assert.ok(files.size > 20);
    for (const file of files) {
      const rel = relative(ROOT, file);
      assert.ok(copied.some((c) => rel === c || rel.startsWith(`${c}/`)), `${rel} is loaded at run time but not copied into the image`);
      assert.equal(isDockerIgnored(DOCKERIGNORE, rel), false, `${rel} is loaded at run time but .dockerignore leaves it out`);
    }
    for (const pkg of packages) assert.ok(pkg in PKG.dependencies, `${pkg} is imported at run time but is not a production dependency`);
    // pino loads its pretty printer by name, which no import shows.
    assert.ok('pino-pretty' in PKG.dependencies);
  });

  it('starts Node with the gateway flags from npm start as from the image', () => {
    // They only work on Node's command line (see node-flags.ts): a launcher cannot add them later.
    assert.equal(PKG.scripts.start, `node ${GATEWAY_NODE_FLAGS.join(' ')} bin/switchboard.js start`);
  });

  it('keeps tests, git data and local installs out of the build context', () => {
    for (const path of ['node_modules', '.git', 'test/integration/chat.test.ts', 'src/librechat/import-librechat.test.ts', 'bench', 'deploy/.env', '.env']) {
      assert.equal(isDockerIgnored(DOCKERIGNORE, path), true, path);
    }
    for (const path of ['package.json', 'package-lock.json', 'bin/switchboard.js', 'src/cli/main.ts']) assert.equal(isDockerIgnored(DOCKERIGNORE, path), false, path);
  });

  it('exposes the port it listens on', () => {
    const env = only('ENV').args;
    assert.match(env, /HOST=0\.0\.0\.0/);
    const port = /PORT=(\d+)/.exec(env)?.[1];
    assert.equal(only('EXPOSE').args, port);
  });
});

describe('health checks run against a real gateway', () => {
  let gw: TestGateway;
  before(async () => {
    gw = await startTestGateway({ server: { masterKey: 'sk-master' }, endpoints: [{ name: 'demo', type: 'mock' }] }, 'sk-master');
  });
  after(() => gw.close());

  const port = (): string => new URL(gw.url).port;

  it("the Dockerfile HEALTHCHECK passes on a ready gateway and fails when nothing listens", async () => {
    const { rest } = splitFlags(only('HEALTHCHECK').args);
    assert.ok(rest.startsWith('CMD '));
    const argv = JSON.parse(rest.slice(4)) as string[];
    assert.match(argv.join(' '), /\/health\/ready/);
    assert.equal(await runExec(argv, { PORT: port() }), 0);
    assert.equal(await runExec(argv, { PORT: '1' }), 1);
  });

  it('the compose healthcheck probes the same route on the port the gateway is configured with', async () => {
    const compose = parse(read('deploy/docker-compose.yml')) as ComposeFile;
    const test = compose.services.switchboard?.healthcheck?.test ?? [];
    assert.equal(test[0], 'CMD');
    const argv = test.slice(1).map((a) => a.replace('127.0.0.1:4000', `127.0.0.1:${port()}`));
    assert.equal(await runExec(argv, {}), 0);
  });
});

interface ComposeService {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
interface ComposeFile { services: Record<string, ComposeService>; volumes?: Record<string, unknown> }

describe('deploy/docker-compose.yml', () => {
  const compose = parse(read('deploy/docker-compose.yml')) as ComposeFile;
  const services = compose.services;

  it('has the gateway, its stores, and LibreChat with its own', () => {
    assert.deepEqual(Object.keys(services).sort(), ['librechat', 'meilisearch', 'mongodb', 'postgres', 'redis', 'switchboard']);
  });

  it('starts LibreChat only once the gateway is healthy, and the gateway once its stores are', () => {
    assert.equal(services.librechat?.depends_on?.switchboard?.condition, 'service_healthy');
    assert.equal(services.switchboard?.depends_on?.postgres?.condition, 'service_healthy');
    assert.equal(services.switchboard?.depends_on?.redis?.condition, 'service_healthy');
    for (const [name, svc] of Object.entries(services)) {
      for (const [dep, { condition }] of Object.entries(svc.depends_on ?? {})) {
        assert.ok(dep in services, `${name} depends on unknown service ${dep}`);
        if (condition === 'service_healthy') assert.ok(services[dep]?.healthcheck, `${name} waits for ${dep} to be healthy, but ${dep} has no healthcheck`);
      }
    }
  });

  it('builds from this repo and mounts files that exist', () => {
    const build = services.switchboard?.build;
    assert.ok(existsSync(join(ROOT, 'deploy', build?.context ?? '', build?.dockerfile ?? '')));
    for (const [name, svc] of Object.entries(services)) {
      for (const volume of svc.volumes ?? []) {
        const [source] = volume.split(':');
        if (source?.startsWith('.')) assert.ok(existsSync(join(ROOT, 'deploy', source)), `${name} mounts ${source}, which does not exist`);
        else assert.ok(source !== undefined && source in (compose.volumes ?? {}), `${name} uses undeclared volume ${source}`);
      }
    }
  });

  it('points the gateway at its mounted config and LibreChat at its own', () => {
    const sb = services.switchboard;
    const mount = (sb?.volumes ?? []).find((v) => v.startsWith('./switchboard.yaml:'));
    assert.equal(mount?.split(':')[1], sb?.environment?.SWITCHBOARD_CONFIG);
    assert.ok((services.librechat?.volumes ?? []).some((v) => v.split(':')[1] === '/app/librechat.yaml'));
    assert.ok(services.librechat?.environment?.SWITCHBOARD_API_KEY, 'LibreChat gets the key its librechat.yaml sends');
  });

  it('lists every required variable in deploy/.env.example', () => {
    const text = read('deploy/docker-compose.yml');
    const required = new Set([...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]));
    const example = read('deploy/.env.example');
    for (const name of required) assert.match(example, new RegExp(`^${name}=`, 'm'), `${name} is required by compose but missing from .env.example`);
  });
});

describe('deploy/switchboard.yaml and deploy/librechat.yaml', () => {
  const text = read('deploy/switchboard.yaml');

  it('the gateway config passes config check (variables treated as set)', () => {
    const loaded = parseConfigText(text, { file: 'deploy/switchboard.yaml', env: permissiveEnv(text) });
    assert.equal(loaded.config.server.host, '0.0.0.0');
    assert.ok(loaded.config.server.masterKey, 'a non-loopback gateway needs a master key');
    assert.deepEqual(loaded.warnings, []);
  });

  it('the LibreChat entry is exactly what "switchboard export librechat" prints for it', async () => {
    const { config } = parseConfigText(text, { file: null, env: permissiveEnv(text) });
    const compose = parse(read('deploy/docker-compose.yml')) as ComposeFile;
    assert.ok((compose.services.switchboard?.ports ?? []).some((p) => p.endsWith(`:${config.server.port}`)));
    const url = `http://switchboard:${config.server.port}/v1`;
    const expected = libreChatEntry(config, await staticModelIds(config), { url, name: 'Switchboard' });
    const librechat = parse(read('deploy/librechat.yaml')) as { endpoints: { custom: unknown[] } };
    assert.deepEqual(librechat.endpoints.custom, [expected]);
  });
});
