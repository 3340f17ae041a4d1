import { calcPrice, findProvider, type PriceCalculationResult, type Provider as PriceProvider } from '@pydantic/genai-prices';
import type { PriceOverride } from '../config/accounting-schema.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../logging/logger.ts';
import type { TokenUsage } from '../providers/provider.ts';

/** USD per token for input, cached input and output. */
interface Rate {
  readonly input: number;
  readonly cachedInput: number;
  readonly output: number;
}

/** How one endpoint/model is priced: a flat rate, genai-prices per call (tiered prices), or unknown. */
type PriceRule = { readonly kind: 'rate'; readonly rate: Rate } | { readonly kind: 'lookup'; readonly provider: PriceProvider | undefined } | null;

const PER_MILLION = 1_000_000;
const PRIVATE_HOST = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?$|.*\.local$|.*\.internal$)/;

function fromOverride(o: PriceOverride): Rate {
  return { input: o.input / PER_MILLION, cachedInput: (o.cachedInput ?? o.input) / PER_MILLION, output: o.output / PER_MILLION };
}

function toGenaiUsage(u: TokenUsage): Record<string, number> {
  // genai-prices counts cache reads inside input_tokens, like OpenAI's prompt_tokens.
  return { input_tokens: u.promptTokens, output_tokens: u.completionTokens, cache_read_tokens: u.cachedTokens };
}

function flatRate(result: PriceCalculationResult): Rate | null {
  const p = result?.model_price;
  if (p === undefined) return null;
  const { input_mtok: input, output_mtok: output, cache_read_mtok: cached } = p;
  if (typeof input !== 'number' || typeof output !== 'number' || (cached !== undefined && typeof cached !== 'number')) return null;
  return { input: input / PER_MILLION, output: output / PER_MILLION, cachedInput: (cached ?? input) / PER_MILLION };
}

/**
 * Prices usage: `pricing:` overrides first, then @pydantic/genai-prices for the provider the
 * endpoint's baseURL points at. Rules are resolved once per endpoint/model and cached. An unknown
 * price gives null (and one warning per model), never a guess; `mock` endpoints cost nothing.
 */
export class Pricer {
  readonly #overrides: ReadonlyMap<string, Rate>;
  readonly #endpoints: ReadonlyMap<string, { type: string; baseURL: string | null }>;
  /** endpoint → upstream model → rule; two levels so a lookup builds no key string per request. */
  readonly #rules = new Map<string, Map<string, PriceRule>>();
  readonly #log: Logger;

  constructor(config: Pick<Config, 'pricing' | 'endpoints'>, log: Logger) {
    this.#overrides = new Map(Object.entries(config.pricing).map(([model, o]) => [model, fromOverride(o)]));
    this.#endpoints = new Map(config.endpoints.map((e) => [e.name, { type: e.type, baseURL: ('baseURL' in e ? e.baseURL : undefined) ?? null }]));
    this.#log = log;
  }

  /** Cost in USD of `usage` on `endpoint`'s `model` (the upstream id), or null when no price is known. */
  cost(endpoint: string, model: string, usage: TokenUsage): number | null {
    let models = this.#rules.get(endpoint);
    if (models === undefined) this.#rules.set(endpoint, (models = new Map()));
    let rule = models.get(model);
    if (rule === undefined) {
      rule = this.#resolve(endpoint, model);
      models.set(model, rule);
      if (rule === null) this.#log.warn({ endpoint, model }, `no price known for ${endpoint}/${model}: its cost is recorded as null; add it under pricing: in the config`);
    }
    if (rule === null) return null;
    if (rule.kind === 'lookup') return calcPrice(toGenaiUsage(usage), model, rule.provider === undefined ? {} : { provider: rule.provider })?.total_price ?? null;
    const { input, cachedInput, output } = rule.rate;
    const cached = Math.min(usage.cachedTokens, usage.promptTokens);
    return (usage.promptTokens - cached) * input + cached * cachedInput + usage.completionTokens * output;
  }

  #resolve(endpoint: string, model: string): PriceRule {
    const override = this.#overrides.get(`${endpoint}/${model}`) ?? this.#overrides.get(model);
    if (override !== undefined) return { kind: 'rate', rate: override };
    const ep = this.#endpoints.get(endpoint);
    if (ep?.type === 'mock') return { kind: 'rate', rate: { input: 0, cachedInput: 0, output: 0 } };
    if (ep?.baseURL == null) return null;
    const provider = findProvider({ providerApiUrl: ep.baseURL });
    // A local or private server has no public price list; matching its model names would be a guess.
    if (provider === undefined && PRIVATE_HOST.test(new URL(ep.baseURL).hostname)) return null;
    const sample = calcPrice({ input_tokens: 1_000, output_tokens: 1_000, cache_read_tokens: 100 }, model, provider === undefined ? {} : { provider });
    if (sample === null) return null;
    const rate = flatRate(sample);
    return rate === null ? { kind: 'lookup', provider } : { kind: 'rate', rate };
  }
}
