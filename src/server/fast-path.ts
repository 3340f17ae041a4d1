import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, toGatewayError } from '../errors/gateway-error.ts';
import type { Principal } from '../identity/principal.ts';
import { handleOperation } from '../proxy/handle-operation.ts';
import type { Operation } from '../providers/provider.ts';
import type { GatewayRuntime } from './gateway-runtime.ts';
import { sendError } from './http-reply.ts';
import { readJsonBody } from './read-body.ts';
import { requestIdFor } from './request-id.ts';
import { API_PREFIXES } from './routes/prefixes.ts';

/** The OpenAI-format operations, by path below the API prefix. */
export const OPERATION_ROUTES = [
  ['/chat/completions', 'chat'],
  ['/completions', 'completions'],
  ['/embeddings', 'embeddings'],
] as const satisfies readonly (readonly [string, Operation])[];

/** Every full path the fast path serves (POST only). */
export const OPERATION_PATHS: ReadonlyMap<string, Operation> = new Map(
  API_PREFIXES.flatMap((prefix) => OPERATION_ROUTES.map(([path, op]) => [prefix + path, op] as const)),
);

/** The answer to a request on a kept-alive connection after shutdown began. */
export const NOT_ACCEPTING = new GatewayError('not_ready', 'The gateway is shutting down; retry the request (another instance will take it).', { headers: { connection: 'close' } });

/**
 * Authenticates on the headers before reading the body (a caller without a valid key never gets
 * to make the gateway buffer megabytes), reads it, then serves the operation. Failures of either
 * step are answered by handleOperation like any other, so they are logged and counted too.
 */
async function serve(runtime: GatewayRuntime, operation: Operation, req: IncomingMessage, res: ServerResponse, requestId: string, controller: AbortController): Promise<void> {
  let principal: Principal | GatewayError;
  let body: Buffer | null | GatewayError = null;
  try {
    principal = await runtime.identity.authenticate(req.headers);
  } catch (err) {
    principal = toGatewayError(err);
    // The body stays unread: close the connection after the answer rather than drain it.
    res.setHeader('connection', 'close');
  }
  if (!(principal instanceof GatewayError)) {
    try {
      body = await readJsonBody(req, runtime.config.server.maxBodyBytes);
    } catch (err) {
      body = toGatewayError(err);
    }
  }
  await handleOperation(runtime, { operation, req, res, requestId, controller, principal, body });
}

/**
 * The proxy routes served straight on node:http, ahead of the framework that serves everything
 * else: they are the hot path, and the framework's per-request work cost about a fifth of the
 * gateway's CPU time per request (measured with `npm run bench`). Returns false for any other request.
 */
export function createFastPath(rt: () => GatewayRuntime, accepting: () => boolean): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const operation = OPERATION_PATHS.get(q === -1 ? url : url.slice(0, q));
    if (operation === undefined) return false;
    const runtime = rt();
    const requestId = requestIdFor(req);
    if (!accepting()) {
      req.resume();
      sendError(res, NOT_ACCEPTING, requestId);
      return true;
    }
    // Tracked from the first byte, so a reload keeps this runtime's pools and a drain waits for it.
    const controller = new AbortController();
    runtime.requests.add(controller);
    serve(runtime, operation, req, res, requestId, controller)
      .catch((err: unknown) => {
        // handleOperation answers every failure itself; this only guards against a bug there.
        runtime.log.error({ err, requestId }, 'request handler failed');
        sendError(res, toGatewayError(err), requestId);
      })
      .finally(() => runtime.requests.delete(controller));
    return true;
  };
}
