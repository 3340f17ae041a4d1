import type { ServerResponse } from 'node:http';
import { GatewayError } from '../errors/gateway-error.ts';
import type { ProviderResponse } from '../providers/provider.ts';
import { sendError } from '../server/http-reply.ts';
import { mapTransportError } from '../upstream/transport-error.ts';
import type { ResponseTap } from './response-tap.ts';
import { lastEventEnd } from './sse-framing.ts';

/** How writing a response ended, for the access log and the ledger. */
export interface WriteOutcome {
  readonly status: number;
  /** Set when the answer failed; after bytes were sent it is the mid-stream error. */
  readonly error: GatewayError | null;
  readonly bytes: number;
  /** performance.now() when the first body bytes arrived from the provider; null when none did. */
  readonly firstByteAt?: number | null;
  /** Whether the answer was an event stream. */
  readonly streamed?: boolean;
}

/** When an answer's first chunk came from the provider and its first byte went to the client (0: not yet). */
export interface WriteTiming {
  firstChunkAt: number;
  firstByteAt: number;
}

/** A fresh, empty timing record. */
export function newWriteTiming(): WriteTiming {
  return { firstChunkAt: 0, firstByteAt: 0 };
}

/** How an answer is written; every field is optional. */
export interface WriteOptions {
  /** The ledger's usage reader: sees every event block, and a non-streamed body before its headers. */
  readonly tap?: ResponseTap | null | undefined;
  /** Headers added to the answer (e.g. x-switchboard-request-id). */
  readonly extra?: Readonly<Record<string, string>> | undefined;
  /** Return a failure before the first byte instead of answering it, so another attempt can run. */
  readonly deferEarlyError?: boolean | undefined;
  /** Called just before the first byte goes out (headers can still be set). */
  readonly onFirstByte?: (() => void) | undefined;
  /** Filled in while writing, for metrics and traces. */
  readonly timing?: WriteTiming | undefined;
}

const NO_OPTIONS: WriteOptions = {};

/** The first chunk came from the provider: returns the time, and notes it in the timing. */
function chunkArrived(options: WriteOptions): number {
  const now = performance.now();
  if (options.timing !== undefined && options.timing.firstChunkAt === 0) options.timing.firstChunkAt = now;
  return now;
}

/** Just before the first byte goes to the client. */
function firstByte(options: WriteOptions): void {
  if (options.timing !== undefined) options.timing.firstByteAt = performance.now();
  options.onFirstByte?.();
}

function isEventStream(contentType: string): boolean {
  return contentType.startsWith('text/event-stream');
}

/** Resolves when the socket can take more, or when the client is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Headers of a successful answer; streams get the no-buffering hints proxies honour. */
function successHeaders(response: ProviderResponse, requestId: string, extra: Readonly<Record<string, string>> | undefined): Record<string, string | number> {
  const headers: Record<string, string | number> = { ...response.headers, ...extra, 'content-type': response.contentType, 'x-request-id': requestId };
  if (isEventStream(response.contentType)) {
    headers['cache-control'] = 'no-cache';
    headers['x-accel-buffering'] = 'no';
  } else if (response.contentLength !== undefined) {
    // A known length spares the client chunked framing and the socket one write for its end.
    // (Never for event streams: the usage tap may take a chunk out of them.)
    headers['content-length'] = response.contentLength;
  }
  return headers;
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * A non-streamed answer with a tap: gathered whole (the client waits for all of it anyway) so its
 * usage and cost can go in the headers, then sent in one write with its length. A failure while
 * gathering is still a proper HTTP error, since nothing was sent yet.
 */
async function writeWhole(res: ServerResponse, response: ProviderResponse, requestId: string, endpoint: string, tap: ResponseTap, options: WriteOptions): Promise<WriteOutcome> {
  const { extra } = options;
  let firstByteAt: number | null = null;
  let body: Buffer;
  if (response.body instanceof Uint8Array) {
    body = asBuffer(response.body);
    firstByteAt = chunkArrived(options);
  } else {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of response.body) {
        firstByteAt ??= chunkArrived(options);
        chunks.push(asBuffer(chunk));
      }
    } catch (err) {
      const error = mapTransportError(err, endpoint, false);
      if (res.destroyed) return { status: 499, error, bytes: 0, firstByteAt, streamed: false };
      if (options.deferEarlyError === true) return { status: error.status, error, bytes: 0, firstByteAt, streamed: false };
      sendError(res, error, requestId, extra);
      return { status: error.status, error, bytes: 0, firstByteAt, streamed: false };
    }
    body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  }
  const tapped = tap.body(body);
  const headers = successHeaders(response, requestId, tapped === null ? extra : { ...extra, ...tapped });
  if (res.destroyed) return { status: 499, error: new GatewayError('upstream_stream_error', `${endpoint}: client closed the request`, { status: 499 }), bytes: 0, firstByteAt, streamed: false };
  firstByte(options);
  // successHeaders built a fresh object: the length can go straight in.
  headers['content-length'] = body.byteLength;
  res.writeHead(response.status, headers);
  res.end(body);
  return { status: response.status, error: null, bytes: body.byteLength, firstByteAt, streamed: false };
}

/**
 * Writes a provider's answer to the client as bytes arrive. Headers go out with the first
 * chunk, so a failure before any byte still becomes a proper HTTP error. An event stream is
 * forwarded whole event by whole event (a partial event waits for its end), so that when the
 * upstream fails mid-stream the client gets every complete event and then an OpenAI-shaped
 * `error` event, never half an event or a silent truncation. A `tap` (the ledger's usage
 * reader) sees every event block on its way and a non-streamed body before its headers.
 */
export function writeProviderResponse(res: ServerResponse, response: ProviderResponse, requestId: string, endpoint: string, options: WriteOptions = NO_OPTIONS): Promise<WriteOutcome> {
  const tap = options.tap ?? null;
  const events = isEventStream(response.contentType);
  // Not an async function itself: returning one async function's promise from another costs the
  // caller two extra microtask jobs (resolving with a thenable) on every request.
  if (tap !== null && !events) return writeWhole(res, response, requestId, endpoint, tap, options);
  return writeAsArrives(res, response, requestId, endpoint, tap, events, options);
}

/** The answer forwarded as it arrives: whole events for streams, chunks for other bodies. */
async function writeAsArrives(res: ServerResponse, response: ProviderResponse, requestId: string, endpoint: string, tap: ResponseTap | null, events: boolean, options: WriteOptions): Promise<WriteOutcome> {
  const { body } = response;
  const { extra } = options;
  if (body instanceof Uint8Array) {
    const arrived = chunkArrived(options);
    firstByte(options);
    res.writeHead(response.status, { ...successHeaders(response, requestId, extra), 'content-length': body.byteLength });
    res.end(body);
    return { status: response.status, error: null, bytes: body.byteLength, firstByteAt: arrived, streamed: false };
  }
  let bytes = 0;
  let firstByteAt: number | null = null;
  let pending: Buffer | null = null;
  const write = async (chunk: Uint8Array): Promise<void> => {
    if (bytes === 0) {
      firstByte(options);
      res.writeHead(response.status, successHeaders(response, requestId, extra));
    }
    bytes += chunk.byteLength;
    if (!res.write(chunk)) await drained(res);
  };
  try {
    for await (const chunk of body) {
      firstByteAt ??= chunkArrived(options);
      if (res.destroyed) break;
      if (!events) {
        await write(chunk);
        continue;
      }
      const data: Buffer = pending === null ? asBuffer(chunk) : Buffer.concat([pending, chunk]);
      const end = lastEventEnd(data);
      pending = end === data.byteLength ? null : data.subarray(end);
      if (end === 0) continue;
      const block = end === data.byteLength ? data : data.subarray(0, end);
      const out = tap === null ? block : tap.events(block);
      if (out.byteLength > 0) await write(out);
    }
    if (pending !== null && !res.destroyed) await write(tap === null ? pending : tap.events(pending));
  } catch (err) {
    const error = mapTransportError(err, endpoint, bytes > 0);
    if (res.destroyed) return { status: 499, error, bytes, firstByteAt, streamed: events };
    if (bytes === 0) {
      if (options.deferEarlyError !== true) sendError(res, error, requestId, extra);
      return { status: error.status, error, bytes, firstByteAt, streamed: events };
    }
    if (events) res.end(`data: ${JSON.stringify(error.toBody())}\n\n`);
    // A JSON body cut short cannot be mended; breaking the connection tells the client so.
    else res.destroy();
    return { status: response.status, error, bytes, firstByteAt, streamed: events };
  }
  if (res.destroyed) {
    const error = new GatewayError('upstream_stream_error', `${endpoint}: client closed the request`, { status: 499 });
    return { status: 499, error, bytes, firstByteAt, streamed: events };
  }
  if (bytes === 0) {
    firstByte(options);
    res.writeHead(response.status, successHeaders(response, requestId, extra));
  }
  res.end();
  return { status: response.status, error: null, bytes, firstByteAt, streamed: events };
}
