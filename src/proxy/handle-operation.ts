import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, toGatewayError } from '../errors/gateway-error.ts';
import type { Principal } from '../identity/principal.ts';
import { recordRequest, type RequestFacts } from '../ledger/request-record.ts';
import { logRequestBody } from '../logging/access-log.ts';
import type { Operation } from '../providers/provider.ts';
import type { GatewayRuntime } from '../server/gateway-runtime.ts';
import { sendError } from '../server/http-reply.ts';
import { newRequestId } from '../server/request-id.ts';
import { AbortReason } from '../upstream/transport-error.ts';
import { AccountingPreparer } from './accounting-preparer.ts';
import { finishRequest } from './finish-request.ts';
import { parseRequestBody } from './parse-body.ts';
import { RequestRecord } from './request-record.ts';

/** One OpenAI-format request as the fast path hands it over. */
export interface OperationInput {
  readonly operation: Operation;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  /** Registered with the runtime's request tracker by the caller. */
  readonly controller: AbortController;
  /** Who is calling, or why the headers were refused. */
  readonly principal: Principal | GatewayError;
  /** The raw body (null when empty), or why it could not be read. */
  readonly body: Buffer | null | GatewayError;
}

/**
 * Serves one OpenAI-format operation: authenticate, parse, attribute the end user, then hand it
 * to the router (rules, model group, retries, fallbacks, streaming the answer); afterwards one
 * usage record goes to the ledger and one line to metrics, trace and access log. Every failure
 * reaches the client in OpenAI shape.
 */
export async function handleOperation(rt: GatewayRuntime, input: OperationInput): Promise<void> {
  const { operation, req, res, requestId, controller } = input;
  const record = new RequestRecord(requestId, operation, rt.tracer.startRequest(operation, requestId, req.headers));
  // The ledger's key must be unique even when clients reuse their own x-request-id.
  const id = req.headers['x-request-id'] === requestId ? newRequestId() : requestId;
  const extra = { 'x-switchboard-request-id': id };
  const facts: RequestFacts = {
    id, requestId, operation, ts: Date.now(), started: record.started, clientIp: req.socket.remoteAddress ?? null,
    principal: null, user: null, body: null, modelRequested: null, endpoint: null, upstreamModel: null, tap: null, outcome: null, attempts: 0,
  };
  const onClose = (): void => {
    if (!res.writableFinished) controller.abort(new AbortReason('client_closed', 'client closed the request'));
  };
  res.once('close', onClose);
  try {
    if (input.principal instanceof GatewayError) throw input.principal;
    const principal = input.principal;
    facts.principal = principal;
    if (input.body instanceof GatewayError) throw input.body;
    const rawBody = input.body;
    const { body, model } = parseRequestBody(rawBody);
    record.model = facts.modelRequested = model;
    record.stream = body.stream === true;
    facts.body = body;
    if (rt.config.logging.bodies) logRequestBody(rt.log, requestId, body);
    record.span.details({ model, stream: record.stream, body });
    const user = await rt.identity.attribute(principal, req.headers, body);
    facts.user = user;
    record.user = user === null ? null : (user.email ?? user.id);
    const preparer = new AccountingPreparer(rt, facts, record, principal, user, extra);
    const served = await rt.router.serve({ operation, model, body, raw: rawBody as Buffer, headers: req.headers, res, requestId, signal: controller.signal, preparer, extra });
    record.outcome = served.outcome;
    facts.attempts = served.attempts;
  } catch (err) {
    const error = toGatewayError(err);
    if (error.code === 'internal_error') rt.log.error({ err, requestId }, 'request failed');
    sendError(res, error, requestId, extra);
    record.outcome = { status: error.status, error, bytes: 0 };
  } finally {
    res.off('close', onClose);
    facts.outcome = record.outcome;
    // Requests that never authenticated are not billed to anyone; the access log has them.
    if (rt.ledger !== null && facts.principal !== null) recordRequest(rt.ledger, rt.pricer, facts);
    try {
      finishRequest(rt, record, facts.tap);
    } catch (err) {
      rt.log.error({ err, requestId }, 'recording the request failed');
    }
  }
}
