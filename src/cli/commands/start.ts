import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { tuneHeap } from '../../lifecycle/heap-tuning.ts';
import { GATEWAY_NODE_FLAGS, maglevChosen } from '../../lifecycle/node-flags.ts';
import { installSignalHandlers } from '../../lifecycle/process-signals.ts';
import { createLogger } from '../../logging/logger.ts';
import { ConfigReloader } from '../../reload/config-reloader.ts';
import { startGateway, StartupError } from '../../server/gateway.ts';
import { loadForCli } from '../load-for-cli.ts';
import { UsageError } from '../usage-error.ts';

const BUILT_IN = '(built-in default)';

function parsePort(value: string | undefined, from: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`${from} must be a port number (0-65535), got "${value}"`);
  return port;
}

/**
 * `switchboard start`: serve until SIGTERM/SIGINT, then drain and exit. SIGHUP and edits of the
 * config file reload it.
 */
export async function runStart(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { config: { type: 'string', short: 'c' }, port: { type: 'string', short: 'p' }, host: { type: 'string' } },
  });
  const port = parsePort(values.port, '--port') ?? parsePort(process.env.PORT, 'PORT');
  const host = values.host ?? (process.env.HOST || undefined);
  const loaded = await loadForCli(values.config);
  if (loaded === null) return 1;
  tuneHeap();
  const log = createLogger({ level: loaded.config.logging.level });
  const fromFile = loaded.source !== BUILT_IN;
  const initialText = fromFile ? await readFile(loaded.source, 'utf8').catch(() => undefined) : undefined;
  // Handlers go in before the port opens: a SIGTERM that comes early still drains cleanly.
  let reloader: ConfigReloader | null = null;
  const hurry = new AbortController();
  let onStop: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    onStop = resolve;
  });
  const removeHandlers = installSignalHandlers({
    reload: () => {
      if (reloader !== null) void reloader.reload('SIGHUP');
      else log.warn(fromFile ? 'SIGHUP: still starting; reload ignored' : 'SIGHUP: running on the built-in config; there is no file to reload');
    },
    stop: (signal) => onStop(signal),
    hurry: (signal) => {
      log.warn({ signal }, 'second stop signal: cutting what is still in flight');
      hurry.abort();
    },
  });
  let gateway;
  try {
    gateway = await startGateway({ config: loaded.config, port, host, logger: log });
  } catch (err) {
    removeHandlers();
    if (!(err instanceof StartupError) && (err as { code?: string }).code !== 'EADDRINUSE') throw err;
    log.fatal(err instanceof StartupError ? err.message : `cannot listen: ${(err as Error).message}`);
    log.flush();
    return 1;
  }
  const endpoints = loaded.config.endpoints.map((e) => `${e.name} (${e.type})`).join(', ');
  log.info({ url: gateway.url, configFile: loaded.source, endpoints }, `Switchboard listening on ${gateway.url}/v1`);
  if (!maglevChosen()) log.info(`Node was started without ${GATEWAY_NODE_FLAGS.join(' ')} (it saves CPU per request); npm start and the container image pass it (see docs/deployment.md#node-flags).`);
  if (!fromFile) {
    log.info('Using the built-in demo config (one mock endpoint). To add real endpoints, write ./switchboard.yaml (see docs/configuration.md) or pass --config FILE.');
  } else {
    const live = gateway;
    reloader = new ConfigReloader({
      file: loaded.source,
      env: process.env,
      log,
      metrics: live.services.metrics,
      apply: (config) => live.reload(config),
      initialText,
    });
    if (loaded.config.server.watchConfig) reloader.watch();
  }

  const stopSignal = await stopped;
  reloader?.close();
  log.info({ signal: stopSignal, inFlight: gateway.holder.inFlight }, 'shutting down: draining requests in flight');
  const report = await gateway.shutdown({ hurry: hurry.signal });
  const code = report.failedHooks.length > 0 ? 1 : 0;
  log.info({ cut: report.cut, failedHooks: report.failedHooks, exitCode: code }, 'stopped');
  removeHandlers();
  log.flush();
  // Whatever a library may leave open, the process ends soon after the drain.
  setTimeout(() => process.exit(code), 2_000).unref();
  return code;
}
