import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { registerAdminRoutes } from '../admin/admin-routes.ts';
import { registerMeRoutes } from '../admin/me-routes.ts';
import { GatewayError, toGatewayError } from '../errors/gateway-error.ts';
import { rejectedRequest } from '../metrics/rejected.ts';
import type { GatewayRuntime } from './gateway-runtime.ts';
import { sendError } from './http-reply.ts';
import { registerAdminRoutes as registerDeploymentRoutes } from './routes/admin-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';
import { registerModelRoutes } from './routes/models-routes.ts';
import { createFastPath, OPERATION_PATHS } from './fast-path.ts';
import { requestIdFor } from './request-id.ts';

/** Fastify's own failures (body parsing, limits) mapped to our stable codes. */
function fromFastifyError(err: FastifyError, maxBodyBytes: number): GatewayError {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError('unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError('body_too_large', `The request body is larger than server.maxBodyBytes (${maxBodyBytes} bytes).`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError('invalid_json', 'The request body is empty; send a JSON object with at least "model".');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GatewayError('invalid_request', 'The Content-Length header does not match the body.');
    default:
      return toGatewayError(err);
  }
}

export interface AppOptions {
  readonly maxBodyBytes: number;
  readonly keepAliveTimeoutMs: number;
  /** False once shutdown began: new requests get a 503. */
  readonly accepting: () => boolean;
}

/** Requests Node's HTTP parser refuses (oversized headers, malformed framing) still get an OpenAI-shaped answer. */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify({
    error: { message: tooLarge ? 'The request headers are too large.' : 'The request is not valid HTTP.', type: 'invalid_request_error', param: null, code: tooLarge ? 'headers_too_large' : 'invalid_request' },
  });
  socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

/** Builds the HTTP app. `rt` returns the runtime to serve each request with. */
export function buildApp(rt: () => GatewayRuntime, options: AppOptions): FastifyInstance {
  const { maxBodyBytes } = options;
  const fastPath = createFastPath(rt, options.accepting);
  const app = Fastify({
    logger: false,
    bodyLimit: maxBodyBytes,
    genReqId: requestIdFor,
    // While draining, our own hook answers with an OpenAI-shaped 503.
    return503OnClosing: false,
    serverFactory: (handler) => {
      const server = createServer({ keepAliveTimeout: options.keepAliveTimeoutMs }, (req, res) => {
        if (!fastPath(req, res)) handler(req, res);
      });
      server.on('clientError', answerClientError);
      return server;
    },
  });
  const routes: { url: string; method: string }[] = [...OPERATION_PATHS.keys()].map((url) => ({ url, method: 'POST' }));
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ url: route.url, method });
  });

  app.removeAllContentTypeParsers();
  // The raw bytes are kept: when a request needs no rewrite they go upstream as they came.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  registerHealthRoutes(app, rt);
  registerModelRoutes(app, rt);
  registerAdminRoutes(app, rt);
  registerMeRoutes(app, rt);
  registerDeploymentRoutes(app, rt);

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = routes
      .filter((r) => r.url === path || (r.url.endsWith('*') && path.startsWith(r.url.slice(0, -1))))
      .map((r) => r.method);
    reply.hijack();
    const error = allowed.length > 0
      ? new GatewayError('method_not_allowed', `${request.method} is not allowed on ${path}; use ${[...new Set(allowed)].join(', ')}.`, { headers: { allow: [...new Set(allowed)].join(', ') } })
      : new GatewayError('route_not_found', `No route ${request.method} ${path}. The API lives under /v1 (e.g. POST /v1/chat/completions).`);
    sendError(reply.raw, error, request.id);
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const error = fromFastifyError(err, maxBodyBytes);
    if (error.code === 'internal_error') rt().log.error({ err, requestId: request.id }, 'unhandled error');
    rt().metrics.recordRequest(rejectedRequest(error.status, error.code));
    reply.hijack();
    sendError(reply.raw, error, request.id);
  });
  return app;
}
