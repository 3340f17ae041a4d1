import type { EndpointConfig } from '../config/schema.ts';
import type { JsonObject } from '../providers/provider.ts';
import { ParamTemplates } from '../templates/endpoint-templates.ts';
import type { TemplateVars } from '../templates/variables.ts';

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges `patch` into `target` in place: objects merge, everything else replaces. */
export function deepMerge(target: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) deepMerge(current, value);
    else target[key] = isPlainObject(value) ? structuredClone(value) : value;
  }
}

/** `base` with `patch` deep-merged in, copying every object it changes: neither input is touched. */
export function mergedCopy(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isPlainObject(value) && isPlainObject(current) ? mergedCopy(current, value) : value;
  }
  return out;
}

/** A body and the bytes to send for it (null when it must be serialised). */
export interface RewrittenBody {
  readonly body: JsonObject;
  readonly raw: Buffer | null;
}

/**
 * Applies an endpoint's body edits (upstream model id, addParams, dropParams). Built once per
 * endpoint; when a request needs no edit its original bytes go upstream untouched.
 */
export class BodyRewriter {
  readonly #addParams: JsonObject | null;
  /** addParams using templates ({{user.email}} …), compiled once; rendered per request. */
  readonly #templated: ParamTemplates | null;
  readonly #dropParams: readonly string[];

  constructor(endpoint: EndpointConfig) {
    this.#templated = ParamTemplates.compile(endpoint.addParams);
    this.#addParams = this.#templated === null && Object.keys(endpoint.addParams).length > 0 ? endpoint.addParams : null;
    this.#dropParams = endpoint.dropParams;
  }

  /** Whether rendering needs the request's template values. */
  get templated(): boolean {
    return this.#templated !== null;
  }

  /**
   * Like `apply` but leaves `body` untouched, since one request may go to several deployments
   * (retries, fallbacks). Nothing to change: the same body and bytes come back.
   */
  applyCopy(body: JsonObject, raw: Buffer | null, upstreamModel: string, vars?: TemplateVars | null): RewrittenBody {
    let drops = false;
    for (const key of this.#dropParams) if (key in body) drops = true;
    const templated = this.#templated !== null && vars != null ? this.#templated.render(vars) : null;
    if (body.model === upstreamModel && this.#addParams === null && templated === null && !drops) return { body, raw };
    let copy = this.#addParams === null ? { ...body } : mergedCopy(body, this.#addParams);
    if (templated !== null) copy = mergedCopy(copy, templated);
    copy.model = upstreamModel;
    for (const key of this.#dropParams) delete copy[key];
    return { body: copy, raw: null };
  }

  /** Rewrites `body` in place; returns the bytes to send when nothing changed, else null. */
  apply(body: JsonObject, raw: Buffer, upstreamModel: string, vars?: TemplateVars | null): Buffer | null {
    let changed = false;
    if (body.model !== upstreamModel) {
      body.model = upstreamModel;
      changed = true;
    }
    if (this.#addParams !== null) {
      deepMerge(body, this.#addParams);
      changed = true;
    }
    if (this.#templated !== null && vars != null) {
      deepMerge(body, this.#templated.render(vars));
      changed = true;
    }
    for (const key of this.#dropParams) {
      if (key in body) {
        delete body[key];
        changed = true;
      }
    }
    return changed ? null : raw;
  }
}

const INCLUDE_USAGE = Buffer.from('{"stream_options":{"include_usage":true},');

/**
 * Asks a stream for its usage chunk (`stream_options.include_usage: true`). When the body goes
 * upstream as the client's bytes and has no `stream_options`, the field is spliced in at the
 * front instead of serialising the body again. Returns the bytes to send (null: serialise `body`).
 */
export function requestStreamUsage(body: JsonObject, raw: Buffer | null): Buffer | null {
  const options = body.stream_options;
  if (isPlainObject(options)) {
    options.include_usage = true;
    return null;
  }
  body.stream_options = { include_usage: true };
  if (raw === null || options !== undefined) return null;
  // A JSON body starts with its `{` but for leading whitespace. A number needle: Buffer#indexOf
  // with a string one costs ~4 times as much.
  const open = raw[0] === 0x7b ? 0 : raw.indexOf(0x7b);
  return open < 0 ? null : Buffer.concat([raw.subarray(0, open), INCLUDE_USAGE, raw.subarray(open + 1)]);
}
