import type { JsonObject, Operation, TokenUsage } from '../providers/provider.ts';
import { eventPayloads } from './sse-events.ts';

type CountTokens = (text: string) => number;
let counter: Promise<CountTokens> | null = null;

/** The tokenizer, loaded on first use: it is large and most answers carry their own usage. */
function countTokens(): Promise<CountTokens> {
  counter ??= import('gpt-tokenizer').then((m) => (text: string) => (text === '' ? 0 : m.countTokens(text)));
  return counter;
}

function texts(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (typeof value === 'object' && value !== null) {
    const part = value as Record<string, unknown>;
    // Content parts: only the text of text parts counts; images and audio are not estimated.
    if (typeof part.text === 'string') out.push(part.text);
    if (typeof part.content === 'string' || Array.isArray(part.content)) texts(part.content, out);
    if (typeof part.arguments === 'string') out.push(part.arguments);
    if (typeof part.name === 'string') out.push(part.name);
    if (Array.isArray(part.tool_calls)) for (const call of part.tool_calls) texts((call as { function?: unknown }).function, out);
  }
}

/** Text the request sends to the model, and how many messages carry it. */
function promptText(operation: Operation, body: JsonObject): { text: string; messages: number } {
  const out: string[] = [];
  if (operation === 'chat') {
    const messages = Array.isArray(body.messages) ? body.messages : [];
    texts(messages, out);
    if (Array.isArray(body.tools)) out.push(JSON.stringify(body.tools));
    return { text: out.join('\n'), messages: messages.length };
  }
  texts(operation === 'completions' ? body.prompt : body.input, out);
  return { text: out.join('\n'), messages: 0 };
}

function answerText(choice: unknown, out: string[]): void {
  if (typeof choice !== 'object' || choice === null) return;
  const c = choice as Record<string, unknown>;
  if (typeof c.text === 'string') out.push(c.text);
  for (const part of [c.delta, c.message]) {
    if (typeof part !== 'object' || part === null) continue;
    const p = part as Record<string, unknown>;
    for (const key of ['content', 'reasoning_content', 'reasoning', 'refusal']) if (typeof p[key] === 'string') out.push(p[key]);
    if (Array.isArray(p.tool_calls)) for (const call of p.tool_calls) texts((call as { function?: unknown }).function, out);
  }
}

/** Text the client received: every choice's content, reasoning and tool-call arguments. */
function deliveredText(delivered: Buffer, streamed: boolean): string {
  const out: string[] = [];
  const payloads: unknown[] = [];
  if (streamed) payloads.push(...eventPayloads(delivered));
  else {
    try {
      payloads.push(JSON.parse(delivered.toString('utf8')));
    } catch {
      // A body cut short: nothing countable.
    }
  }
  for (const p of payloads) {
    const choices = (p as { choices?: unknown } | null)?.choices;
    if (Array.isArray(choices)) for (const choice of choices) answerText(choice, out);
  }
  return out.join('');
}

/**
 * Counts tokens with a tokenizer when the upstream gave no usage (an interrupted stream, an
 * upstream without usage): the prompt as sent and the answer as far as it was delivered. The
 * counts are approximate (OpenAI's o200k encoding for every model) and marked `estimated`.
 */
export async function estimateUsage(operation: Operation, body: JsonObject, delivered: Buffer, streamed: boolean): Promise<TokenUsage> {
  const count = await countTokens();
  const prompt = promptText(operation, body);
  // Chat formats add a few tokens per message and to prime the reply.
  const promptTokens = count(prompt.text) + (prompt.messages > 0 ? prompt.messages * 4 + 3 : 0);
  const completionTokens = operation === 'embeddings' ? 0 : count(deliveredText(delivered, streamed));
  return { promptTokens, completionTokens, cachedTokens: 0, reasoningTokens: 0 };
}
