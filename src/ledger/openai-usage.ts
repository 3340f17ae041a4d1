import type { TokenUsage } from '../providers/provider.ts';

/** A token count as the ledger keeps it: a finite positive number, floored; anything else is 0. */
export function countOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
}

/** Usage from the raw prompt and completion values and the two detail counts; null when neither count is a number. */
export function pickUsage(prompt: unknown, completion: unknown, cachedTokens: number, reasoningTokens: number): TokenUsage | null {
  if (typeof prompt !== 'number' && typeof completion !== 'number') return null;
  return { promptTokens: countOf(prompt), completionTokens: countOf(completion), cachedTokens, reasoningTokens };
}

/** Reads an OpenAI `usage` object (chat, completions, embeddings; Responses-style names too); null when it is not one. */
export function fromOpenAIUsage(usage: unknown): TokenUsage | null {
  if (typeof usage !== 'object' || usage === null) return null;
  const promptDetails = field(usage, 'prompt_tokens_details') ?? field(usage, 'input_tokens_details');
  const completionDetails = field(usage, 'completion_tokens_details') ?? field(usage, 'output_tokens_details');
  return pickUsage(
    field(usage, 'prompt_tokens') ?? field(usage, 'input_tokens'),
    field(usage, 'completion_tokens') ?? field(usage, 'output_tokens'),
    countOf(field(promptDetails, 'cached_tokens')),
    countOf(field(completionDetails, 'reasoning_tokens')),
  );
}
