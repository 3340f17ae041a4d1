import type { ResponseTap } from '../proxy/response-tap.ts';
import type { TokenUsage, UsageMeter } from '../providers/provider.ts';
import { KeptBytes } from './kept-bytes.ts';
import { eventEnd, eventStart } from './sse-events.ts';
import { lastUsage, servedModel } from './usage-scan.ts';

/** Bytes of an answer kept for estimating usage when the upstream reports none. */
const KEEP_LIMIT = 4 * 1024 * 1024;

export interface UsageTapOptions {
  /** Drop the usage-only chunk from streams: the gateway asked for it, the client did not. */
  readonly stripUsageChunk: boolean;
  /** Prices usage in USD (null when unknown), for the cost header of non-streamed answers. */
  readonly price: (usage: TokenUsage) => number | null;
  /** The model the request went upstream as: an answer naming it reuses this string (see servedModel). */
  readonly expectedModel?: string | null;
}

/** Formats a cost for the `x-switchboard-cost` header: USD, up to 10 decimals, no exponent. */
export function formatCost(cost: number): string {
  return cost.toFixed(10).replace(/\.?0+$/, '') || '0';
}

const CHOICES_KEY = Buffer.from('"choices"');

function skipSpace(buf: Buffer, i: number, end: number): number {
  while (i < end && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++;
  return i;
}

/**
 * Whether the event in `buf[start, end)` is a usage-only chunk: its `"choices"` is an empty list.
 * Read from the bytes, not parsed: a quote inside model text is escaped, so the key cannot be
 * forged by content.
 */
function isUsageOnlyChunk(buf: Buffer, start: number, end: number): boolean {
  const key = buf.indexOf(CHOICES_KEY, start);
  if (key < 0 || key >= end) return false;
  let i = skipSpace(buf, key + CHOICES_KEY.length, end);
  if (buf[i] !== 0x3a) return false; // :
  i = skipSpace(buf, i + 1, end);
  if (buf[i] !== 0x5b) return false; // [
  i = skipSpace(buf, i + 1, end);
  return buf[i] === 0x5d; // ]
}

/**
 * Reads one answer's usage as it passes: the `usage` object of a JSON body, or the usage chunk
 * of a stream (found with a byte search per block; only that one event is parsed). Providers
 * that know usage themselves report it through `report` (UsageMeter), which wins.
 */
export class UsageTap implements ResponseTap, UsageMeter {
  readonly #options: UsageTapOptions;
  #reported: TokenUsage | null = null;
  #seen: TokenUsage | null = null;
  #served: string | null = null;
  readonly #kept = new KeptBytes(KEEP_LIMIT);
  #priced: { readonly usage: TokenUsage; readonly cost: number | null } | null = null;

  constructor(options: UsageTapOptions) {
    this.#options = options;
  }

  /** Usage as reported by the provider, else as read from the answer; null when neither had it. */
  get usage(): TokenUsage | null {
    return this.#reported ?? this.#seen;
  }

  /**
   * The cost of `usage` in USD (null: no known price), priced once per usage object: the cost
   * header, the ledger row and the cost metric all ask for the same answer's cost.
   */
  costOf(usage: TokenUsage): number | null {
    if (this.#priced?.usage !== usage) this.#priced = { usage, cost: this.#options.price(usage) };
    return this.#priced.cost;
  }

  /** The model the answer says served it. */
  get servedModel(): string | null {
    return this.#served;
  }

  /** The bytes delivered so far (up to a limit), for estimating usage when none was reported. */
  get delivered(): Buffer {
    return this.#kept.bytes;
  }

  report(usage: TokenUsage, model?: string): void {
    this.#reported = usage;
    if (model !== undefined) this.#served = model;
  }

  body(bytes: Buffer): Readonly<Record<string, string>> | null {
    this.#kept.append(bytes);
    this.#served ??= servedModel(bytes, this.#options.expectedModel ?? null);
    this.#seen = lastUsage(bytes)?.usage ?? this.#seen;
    const usage = this.usage;
    if (usage === null) return null;
    const cost = this.costOf(usage);
    return cost === null ? null : { 'x-switchboard-cost': formatCost(cost) };
  }

  events(block: Buffer): Buffer {
    this.#served ??= servedModel(block, this.#options.expectedModel ?? null);
    const found = lastUsage(block);
    let out = block;
    if (found !== null) {
      if (found.usage !== null) this.#seen = found.usage;
      if (this.#options.stripUsageChunk) out = stripEvent(block, found.at);
    }
    this.#kept.append(out);
    return out;
  }
}

/**
 * `block` without the event at `at` when that event is a usage-only chunk (no choices). The
 * bytes after it (usually just `data: [DONE]`) move down in place: the block is this answer's
 * own memory, about to be written, so no copy of the whole block is needed.
 */
function stripEvent(block: Buffer, at: number): Buffer {
  const start = eventStart(block, at);
  const end = eventEnd(block, at);
  if (!isUsageOnlyChunk(block, start, end)) return block;
  if (end < block.length) block.copyWithin(start, end);
  return block.subarray(0, block.length - (end - start));
}
