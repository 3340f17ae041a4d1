import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OVERHEAD_BUCKETS, TTFT_BUCKETS, UPSTREAM_BUCKETS } from './buckets.ts';
import { boundedLabels, OTHER, type KnownLabels } from './known-labels.ts';
import { Tallies, type Tally } from './tally.ts';
import { BREAKER_STATES, type BreakerState, type CallbackGauge, type GatewayMetrics, type MetricsOptions, type RenderedMetrics, type RequestMetrics, type TokenCounts } from './metrics.ts';

const PREFIX = 'switchboard_';

/** Children of the per-(endpoint, model) series, looked up once and reused on every request. */
interface ModelSeries {
  readonly byStatus: Map<number, Tally>;
  readonly upstream: Histogram.Internal<string>;
  readonly ttft: Histogram.Internal<string>;
  readonly tokensIn: Tally;
  readonly tokensOut: Tally;
  readonly cost: Tally;
}

/** Prometheus metrics (prom-client) in a registry of their own, so several gateways can share a process. */
export class PromMetrics implements GatewayMetrics {
  readonly enabled = true;
  readonly registry = new Registry();
  readonly #known: KnownLabels;
  #perUser = false;
  readonly #errors: Counter<'endpoint' | 'code'>;
  readonly #upstream: Histogram<'endpoint' | 'model'>;
  readonly #ttft: Histogram<'endpoint' | 'model'>;
  readonly #overhead: readonly [Histogram.Internal<string>, Histogram.Internal<string>];
  readonly #retries: Counter<'endpoint' | 'reason'>;
  readonly #breaker: Gauge<'deployment'>;
  readonly #reloads: Counter<'result'>;
  readonly #reloadedAt: Gauge;
  readonly #userRequests: Counter<'user'>;
  readonly #userTokens: Counter<'user' | 'direction'>;
  readonly #userCost: Counter<'user'>;
  readonly #series = new Map<string, Map<string, ModelSeries>>();
  /** Per-request counters, handed to prom-client at scrape time (see Tally). */
  readonly #requestTallies = new Tallies();
  readonly #tokenTallies = new Tallies();
  readonly #costTallies = new Tallies();
  readonly #errorSeries = new Map<string, Map<string, Counter.Internal>>();

  /** `inFlight` is read at scrape time, so counting requests costs nothing per request. */
  constructor(known: KnownLabels, inFlight: () => number) {
    this.#known = known;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    const requestTallies = this.#requestTallies;
    const tokenTallies = this.#tokenTallies;
    const costTallies = this.#costTallies;
    // Counters fed by tallies: registered here, filled at scrape time by their collect hooks.
    new Counter({ name: `${PREFIX}requests_total`, help: 'Requests served, by endpoint, upstream model and HTTP status.', labelNames: ['endpoint', 'model', 'status'], registers, collect() { requestTallies.flushInto(this); } });
    this.#errors = new Counter({ name: `${PREFIX}errors_total`, help: 'Failed requests by endpoint and Switchboard error code (docs/errors.md).', labelNames: ['endpoint', 'code'], registers });
    this.#upstream = new Histogram({ name: `${PREFIX}upstream_latency_seconds`, help: 'From dispatching a request upstream until its answer ended.', labelNames: ['endpoint', 'model'], buckets: UPSTREAM_BUCKETS, registers });
    this.#ttft = new Histogram({ name: `${PREFIX}time_to_first_token_seconds`, help: 'Streams: from receiving the request until the first byte reached the client.', labelNames: ['endpoint', 'model'], buckets: TTFT_BUCKETS, registers });
    const overhead = new Histogram({ name: `${PREFIX}overhead_seconds`, help: "The gateway's own added latency: time to the client's first byte minus time waiting on the upstream.", labelNames: ['stream'], buckets: OVERHEAD_BUCKETS, registers });
    this.#overhead = [overhead.labels('false'), overhead.labels('true')];
    new Counter({ name: `${PREFIX}tokens_total`, help: 'Tokens by endpoint, model and direction (input, output), where usage was seen.', labelNames: ['endpoint', 'model', 'direction'], registers, collect() { tokenTallies.flushInto(this); } });
    new Counter({ name: `${PREFIX}cost_usd_total`, help: 'Cost in US dollars by endpoint and model.', labelNames: ['endpoint', 'model'], registers, collect() { costTallies.flushInto(this); } });
    this.#retries = new Counter({ name: `${PREFIX}retries_total`, help: 'Upstream retries and fallbacks by endpoint and reason.', labelNames: ['endpoint', 'reason'], registers });
    this.#breaker = new Gauge({ name: `${PREFIX}breaker_state`, help: 'Circuit breaker state per deployment: 0 closed, 1 half-open, 2 open.', labelNames: ['deployment'], registers });
    this.#reloads = new Counter({ name: `${PREFIX}config_reloads_total`, help: 'Config reload attempts by result (success, failure).', labelNames: ['result'], registers });
    this.#reloadedAt = new Gauge({ name: `${PREFIX}config_last_reload_success_timestamp_seconds`, help: 'Unix time of the last successful config load.', registers });
    this.#reloadedAt.setToCurrentTime();
    this.#userRequests = new Counter({ name: `${PREFIX}user_requests_total`, help: 'Requests per user (only with metrics.perUser).', labelNames: ['user'], registers });
    this.#userTokens = new Counter({ name: `${PREFIX}user_tokens_total`, help: 'Tokens per user and direction (only with metrics.perUser).', labelNames: ['user', 'direction'], registers });
    this.#userCost = new Counter({ name: `${PREFIX}user_cost_usd_total`, help: 'Cost in US dollars per user (only with metrics.perUser).', labelNames: ['user'], registers });
    this.registerGauge({ name: 'requests_in_flight', help: 'Requests and streams being served right now.', collect: inFlight });
  }

  configure(options: MetricsOptions): void {
    this.#perUser = options.perUser;
  }

  recordRequest(r: RequestMetrics): void {
    const s = this.#seriesFor(r.endpoint, r.model);
    let requests = s.byStatus.get(r.status);
    if (requests === undefined) {
      const [endpoint, model] = this.#labelsOf(r.endpoint, r.model);
      requests = this.#requestTallies.series({ endpoint, model, status: String(r.status) });
      s.byStatus.set(r.status, requests);
    }
    requests.inc();
    if (r.errorCode !== null) this.#errorFor(r.endpoint, r.errorCode).inc();
    if (r.upstreamMs !== null) s.upstream.observe(r.upstreamMs / 1000);
    if (r.ttftMs !== null) s.ttft.observe(r.ttftMs / 1000);
    if (r.overheadMs !== null) this.#overhead[r.stream ? 1 : 0].observe(Math.max(0, r.overheadMs) / 1000);
    if (r.tokens !== null) {
      s.tokensIn.inc(r.tokens.input);
      s.tokensOut.inc(r.tokens.output);
    }
    if (this.#perUser && r.user !== null) {
      this.#userRequests.labels(r.user).inc();
      if (r.tokens !== null) this.#userTokensInc(r.user, r.tokens);
    }
  }

  recordTokens(endpoint: string, model: string, tokens: TokenCounts, user: string | null = null): void {
    const s = this.#seriesFor(endpoint, model);
    s.tokensIn.inc(tokens.input);
    s.tokensOut.inc(tokens.output);
    if (this.#perUser && user !== null) this.#userTokensInc(user, tokens);
  }

  recordCost(endpoint: string, model: string, usd: number, user: string | null = null): void {
    if (!(usd > 0)) return;
    this.#seriesFor(endpoint, model).cost.inc(usd);
    if (this.#perUser && user !== null) this.#userCost.labels(user).inc(usd);
  }

  recordRetry(endpoint: string, reason: string): void {
    const [ep] = boundedLabels(this.#known, endpoint, null);
    this.#retries.labels(ep, /^[a-z0-9_]{1,64}$/.test(reason) ? reason : OTHER).inc();
  }

  setBreakerState(deployment: string, state: BreakerState): void {
    this.#breaker.labels(deployment).set(BREAKER_STATES.indexOf(state));
  }

  recordReload(ok: boolean): void {
    this.#reloads.labels(ok ? 'success' : 'failure').inc();
    if (ok) this.#reloadedAt.setToCurrentTime();
  }

  registerGauge(spec: CallbackGauge): void {
    const { collect } = spec;
    new Gauge({
      name: PREFIX + spec.name,
      help: spec.help,
      labelNames: [...(spec.labelNames ?? [])],
      registers: [this.registry],
      collect() {
        const value = collect();
        if (typeof value === 'number') {
          this.set(value);
          return;
        }
        this.reset();
        for (const v of value) this.set(v.labels, v.value);
      },
    });
  }

  async render(): Promise<RenderedMetrics> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  #labelsOf(endpoint: string | null, model: string | null): readonly [string, string] {
    return boundedLabels(this.#known, endpoint, model);
  }

  #seriesFor(endpoint: string | null, model: string | null): ModelSeries {
    const [ep, m] = this.#labelsOf(endpoint, model);
    let byModel = this.#series.get(ep);
    if (byModel === undefined) {
      byModel = new Map();
      this.#series.set(ep, byModel);
    }
    let s = byModel.get(m);
    if (s === undefined) {
      s = {
        byStatus: new Map(),
        upstream: this.#upstream.labels(ep, m),
        ttft: this.#ttft.labels(ep, m),
        tokensIn: this.#tokenTallies.series({ endpoint: ep, model: m, direction: 'input' }),
        tokensOut: this.#tokenTallies.series({ endpoint: ep, model: m, direction: 'output' }),
        cost: this.#costTallies.series({ endpoint: ep, model: m }),
      };
      byModel.set(m, s);
    }
    return s;
  }

  #errorFor(endpoint: string | null, code: string): Counter.Internal {
    const [ep] = this.#labelsOf(endpoint, null);
    let byCode = this.#errorSeries.get(ep);
    if (byCode === undefined) {
      byCode = new Map();
      this.#errorSeries.set(ep, byCode);
    }
    let child = byCode.get(code);
    if (child === undefined) {
      child = this.#errors.labels(ep, code);
      byCode.set(code, child);
    }
    return child;
  }

  #userTokensInc(user: string, tokens: TokenCounts): void {
    this.#userTokens.labels(user, 'input').inc(tokens.input);
    this.#userTokens.labels(user, 'output').inc(tokens.output);
  }
}
