import type { Identity } from '../identity/identity.ts';
import type { Principal } from '../identity/principal.ts';
import type { RequestFacts } from '../ledger/request-record.ts';
import { UsageTap } from '../ledger/usage-tap.ts';
import type { ModelTarget } from '../models/model-index.ts';
import type { JsonObject, Operation } from '../providers/provider.ts';
import type { AttemptPreparer, PreparedAttempt } from '../routing/execute/attempt-preparer.ts';
import type { EndpointRuntime, GatewayRuntime } from '../server/gateway-runtime.ts';
import type { User } from '../store/types.ts';
import type { TemplateVars } from '../templates/variables.ts';
import { requestStreamUsage } from './body-rewriter.ts';
import type { RequestRecord } from './request-record.ts';
import { templateVars } from './template-vars.ts';

/** Whether the client itself asked for the stream's usage chunk. */
function clientWantsUsage(body: JsonObject): boolean {
  const options = body.stream_options;
  return typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
}

/**
 * Prepares each attempt for one authenticated request: the key's model allowance, the user's
 * own upstream key, rendered header and addParams templates, the stream-usage request, a fresh
 * usage tap and the attempt's trace span; it keeps the request's ledger facts and record
 * pointing at the latest attempt.
 */
export class AccountingPreparer implements AttemptPreparer {
  readonly #rt: GatewayRuntime;
  readonly #identity: Identity;
  readonly #principal: Principal;
  readonly #user: User | null;
  readonly #facts: RequestFacts;
  readonly #operation: Operation;
  readonly #requested: string;
  readonly #extra: Readonly<Record<string, string>>;
  readonly #record: RequestRecord;
  #vars: TemplateVars | null = null;

  constructor(rt: GatewayRuntime, facts: RequestFacts, record: RequestRecord, principal: Principal, user: User | null, extra: Readonly<Record<string, string>>) {
    this.#rt = rt;
    this.#identity = rt.identity;
    this.#facts = facts;
    this.#principal = principal;
    this.#user = user;
    this.#operation = facts.operation;
    this.#requested = facts.modelRequested ?? '';
    this.#extra = extra;
    this.#record = record;
  }

  authorize(model: string): void {
    this.#identity.checkModelName(this.#principal, model);
  }

  async prepare(endpoint: EndpointRuntime, target: ModelTarget, body: JsonObject, raw: Buffer | null): Promise<PreparedAttempt> {
    this.#identity.checkModel(this.#principal, this.#requested, target);
    const apiKey = await this.#rt.credentials.keyFor(target.endpoint, endpoint.userProvidedKey, this.#user);
    const vars = endpoint.headerTemplates !== null || endpoint.rewriter.templated ? (this.#vars ??= templateVars(this.#principal, this.#user, this.#facts.requestId, body)) : null;
    let rewritten = endpoint.rewriter.applyCopy(body, raw, target.model, vars);
    const ledger = this.#rt.ledger !== null;
    const inject = ledger && body.stream === true && !clientWantsUsage(body) && this.#operation !== 'embeddings' && endpoint.config.injectStreamUsage;
    if (inject) {
      // The routed body may be shared with later attempts: ask for usage on a copy.
      const copy = rewritten.body === body ? { ...body } : rewritten.body;
      rewritten = { body: copy, raw: requestStreamUsage(copy, rewritten.raw) };
    }
    const pricer = this.#rt.pricer;
    const tap = ledger ? new UsageTap({ stripUsageChunk: inject, price: (u) => pricer.cost(target.endpoint, target.model, u), expectedModel: target.model }) : null;
    this.#facts.endpoint = target.endpoint;
    this.#facts.upstreamModel = target.model;
    this.#facts.tap = tap;
    this.#trace(endpoint, target);
    return {
      body: rewritten.body,
      raw: rewritten.raw,
      headers: vars === null || endpoint.headerTemplates === null ? undefined : endpoint.headerTemplates.render(vars),
      apiKey,
      usage: tap ?? undefined,
      write: { tap, extra: this.#extra, timing: this.#record.timing },
    };
  }

  /** Points the request record at this attempt and opens its span (closing an earlier one). */
  #trace(endpoint: EndpointRuntime, target: ModelTarget): void {
    const record = this.#record;
    record.endpoint = target.endpoint;
    record.upstreamModel = target.model;
    record.dispatchedAt = performance.now();
    if (!this.#rt.tracer.enabled) return;
    record.attempt?.end({ status: 0, errorCode: 'retried', errorMessage: null, responseModel: null, inputTokens: null, outputTokens: null });
    const baseURL = 'baseURL' in endpoint.config ? (endpoint.config.baseURL ?? null) : null;
    record.attempt = record.span.attempt({ endpoint: target.endpoint, system: endpoint.provider.type, model: target.model, baseURL });
  }
}
