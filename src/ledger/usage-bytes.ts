// Reads the token counts of an OpenAI `usage` object straight from its bytes, once per answer.
// It gives exactly what `fromOpenAIUsage(JSON.parse(…))` gives, or says it cannot (`undefined`:
// an escaped key, anything not plain JSON) and the caller parses instead. Each step is a function
// of (bytes, index) that returns where it ended, or FAIL, so the place in the bytes stays in a
// local variable: the previous reader kept it in a module-level object, updated at every byte,
// and took ~15% longer on OpenAI's ~270-byte usage object (910 against 800 ns, medians of 30
// rounds taking turns in one process on a slow 2-core VM). Under load the reader is the ledger's
// largest piece of JavaScript (~1.7% of the gateway's CPU in a profile).
import type { TokenUsage } from '../providers/provider.ts';
import { countOf, pickUsage } from './openai-usage.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const LETTER_N = 0x6e;

/** Where a step could not read the bytes as plain JSON. */
const FAIL = -1;

/** A value that is there but is neither a number nor null (a string, a list, true…). */
const OTHER = Symbol('other');
type Slot = number | null | typeof OTHER | undefined;

/** What a `*_details` value was: absent, null, not an object (a number, a list…), or an object. */
const ABSENT = 0;
const IS_NULL = 1;
const NOT_OBJECT = 2;
const IS_OBJECT = 3;
type Shape = typeof ABSENT | typeof IS_NULL | typeof NOT_OBJECT | typeof IS_OBJECT;

const PROMPT = Buffer.from('prompt_tokens');
const COMPLETION = Buffer.from('completion_tokens');
const INPUT = Buffer.from('input_tokens');
const OUTPUT = Buffer.from('output_tokens');
const PROMPT_DETAILS = Buffer.from('prompt_tokens_details');
const COMPLETION_DETAILS = Buffer.from('completion_tokens_details');
const INPUT_DETAILS = Buffer.from('input_tokens_details');
const OUTPUT_DETAILS = Buffer.from('output_tokens_details');
const CACHED = Buffer.from('cached_tokens');
const REASONING = Buffer.from('reasoning_tokens');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

// Second results of the steps below (a step returns where it ended). Safe as module state: the
// reader is synchronous and never re-entered, and the caller reads them before the next step.
let numberRead = 0;
let slotRead: Slot;
let shapeRead: Shape = ABSENT;
let countRead: Slot;

function ws(b: Buffer, i: number): number {
  let c = b[i];
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
  return i;
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

function isNumberByte(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45);
}

function same(b: Buffer, start: number, word: Buffer): boolean {
  for (let j = 0; j < word.length; j++) if (b[start + j] !== word[j]) return false;
  return true;
}

function literalEnd(b: Buffer, i: number, word: Buffer): number {
  return same(b, i, word) ? i + word.length : FAIL;
}

/** End of the string whose quote is at i (past its closing quote); raw control bytes and bad escapes fail, as in JSON.parse. */
function stringEnd(b: Buffer, i: number, n: number): number {
  for (i++; i < n; i++) {
    const c = b[i] as number;
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return FAIL;
    if (c === BACKSLASH) {
      const e = b[++i];
      if (e === 0x75) {
        // \uXXXX
        for (let j = 0; j < 4; j++) if (!isHex(b[++i])) return FAIL;
      } else if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) {
        return FAIL;
      }
    }
  }
  return FAIL;
}

/** End of a key whose quote is at i (past its closing quote). An escaped key is left to JSON.parse. */
function keyEnd(b: Buffer, i: number, n: number): number {
  for (i++; i < n; i++) {
    const c = b[i] as number;
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH || c < 0x20) return FAIL;
  }
  return FAIL;
}

/** End of the number at i; its value in numberRead. */
function numberEnd(b: Buffer, i: number, n: number): number {
  const start = i;
  let whole = 0;
  let digits = true;
  for (; i < n; i++) {
    const c = b[i] as number;
    if (c >= 0x30 && c <= 0x39) whole = whole * 10 + (c - 0x30);
    else if (isNumberByte(c)) digits = false;
    else break;
  }
  const length = i - start;
  // JSON has no leading zeros, "+1", "1." or ".5", which Number() would take.
  if (digits && length < 16 && (length === 1 || b[start] !== 0x30)) {
    numberRead = whole;
    return i;
  }
  const text = b.toString('latin1', start, i);
  if (!JSON_NUMBER.test(text)) return FAIL;
  numberRead = Number(text);
  return i;
}

/** From a key's end (past its quote) to the start of its value, over the colon; FAIL without one. */
function colon(b: Buffer, i: number): number {
  i = ws(b, i);
  return b[i] === COLON ? ws(b, i + 1) : FAIL;
}

/** From an object's `{` at i: its first member's start, or -2 - end when the object is empty. */
function firstMember(b: Buffer, i: number): number {
  i = ws(b, i + 1);
  return b[i] === CLOSE ? -2 - (i + 1) : i;
}

/** After a member or element: the start of the next one (past a comma), -2 - end at `close`, FAIL otherwise. */
function next(b: Buffer, i: number, close: number): number {
  i = ws(b, i);
  const c = b[i];
  if (c === COMMA) return ws(b, i + 1);
  return c === close ? -2 - (i + 1) : FAIL;
}

/** End of the value of any kind at i, checking that it is JSON. */
function valueEnd(b: Buffer, i: number, n: number): number {
  const c = b[i];
  if (c === QUOTE) return stringEnd(b, i, n);
  if (c === OPEN) {
    i = firstMember(b, i);
    if (i < 0) return -2 - i;
    for (;;) {
      if (b[i] !== QUOTE) return FAIL;
      i = keyEnd(b, i, n);
      if (i < 0 || (i = colon(b, i)) < 0 || (i = valueEnd(b, i, n)) < 0 || (i = next(b, i, CLOSE)) === FAIL) return FAIL;
      if (i < 0) return -2 - i;
    }
  }
  if (c === OPEN_LIST) {
    i = ws(b, i + 1);
    if (b[i] === CLOSE_LIST) return i + 1;
    for (;;) {
      if ((i = valueEnd(b, i, n)) < 0 || (i = next(b, i, CLOSE_LIST)) === FAIL) return FAIL;
      if (i < 0) return -2 - i;
    }
  }
  if (c === 0x74) return literalEnd(b, i, TRUE);
  if (c === 0x66) return literalEnd(b, i, FALSE);
  if (c === LETTER_N) return literalEnd(b, i, NULL);
  if (isNumberByte(c)) return numberEnd(b, i, n);
  return FAIL;
}

/** End of a value where a count may stand; slotRead is the number, null, or OTHER (anything else, skipped). */
function slotEnd(b: Buffer, i: number, n: number): number {
  const c = b[i];
  if (c === LETTER_N) {
    slotRead = null;
    return literalEnd(b, i, NULL);
  }
  if (isNumberByte(c)) {
    i = numberEnd(b, i, n);
    slotRead = numberRead;
    return i;
  }
  slotRead = OTHER;
  return valueEnd(b, i, n);
}

/** End of a `*_details` value; shapeRead is its shape and countRead its `name` count (the last one, as JSON.parse keeps). */
function detailsEnd(b: Buffer, i: number, n: number, name: Buffer): number {
  const c = b[i];
  let count: Slot;
  if (c !== OPEN) {
    shapeRead = c === LETTER_N ? IS_NULL : NOT_OBJECT;
    countRead = undefined;
    return c === LETTER_N ? literalEnd(b, i, NULL) : valueEnd(b, i, n);
  }
  for (i = firstMember(b, i); i >= 0; ) {
    if (b[i] !== QUOTE) return FAIL;
    const start = i + 1;
    if ((i = keyEnd(b, i, n)) < 0) return FAIL;
    const named = i - 1 - start === name.length && same(b, start, name);
    if ((i = colon(b, i)) < 0) return FAIL;
    if (named) {
      if ((i = slotEnd(b, i, n)) < 0) return FAIL;
      count = slotRead;
    } else if ((i = valueEnd(b, i, n)) < 0) {
      return FAIL;
    }
    if ((i = next(b, i, CLOSE)) === FAIL) return FAIL;
  }
  shapeRead = IS_OBJECT;
  countRead = count;
  return -2 - i;
}

/** The count of the details object JSON's `a ?? b` would pick. */
function chosen(firstShape: Shape, firstCount: Slot, secondShape: Shape, secondCount: Slot): Slot {
  if (firstShape === NOT_OBJECT || firstShape === IS_OBJECT) return firstShape === IS_OBJECT ? firstCount : undefined;
  return secondShape === IS_OBJECT ? secondCount : undefined;
}

/** What reading one usage object gave: its usage (null: not an OpenAI usage) and where it ends. */
export interface ReadUsage {
  readonly usage: TokenUsage | null;
  readonly end: number;
}

// What one read found, by key: prompt, input, completion, output (the Chat Completions name, then
// the Responses one, prompt side first); reset by every read.
const counts: Slot[] = [undefined, undefined, undefined, undefined];
const shapes: Shape[] = [ABSENT, ABSENT, ABSENT, ABSENT];
const detailCounts: Slot[] = [undefined, undefined, undefined, undefined];

function read(b: Buffer, start: number): ReadUsage | undefined {
  const n = b.length;
  for (let k = 0; k < 4; k++) {
    counts[k] = detailCounts[k] = undefined;
    shapes[k] = ABSENT;
  }
  let i = ws(b, start);
  if (b[i] !== OPEN) return undefined;
  for (i = firstMember(b, i); i >= 0; ) {
    if (b[i] !== QUOTE) return undefined;
    const keyStart = i + 1;
    if ((i = keyEnd(b, i, n)) < 0) return undefined;
    const length = i - 1 - keyStart;
    if ((i = colon(b, i)) < 0) return undefined;
    // Told apart by length first: most keys are compared with nothing.
    let count = -1;
    let detail = -1;
    if (length === 13 && same(b, keyStart, PROMPT)) count = 0;
    else if (length === 12 && same(b, keyStart, INPUT)) count = 1;
    else if (length === 17 && same(b, keyStart, COMPLETION)) count = 2;
    else if (length === 13 && same(b, keyStart, OUTPUT)) count = 3;
    else if (length === 21 && same(b, keyStart, PROMPT_DETAILS)) detail = 0;
    else if (length === 20 && same(b, keyStart, INPUT_DETAILS)) detail = 1;
    else if (length === 25 && same(b, keyStart, COMPLETION_DETAILS)) detail = 2;
    else if (length === 21 && same(b, keyStart, OUTPUT_DETAILS)) detail = 3;
    if (count >= 0) {
      i = slotEnd(b, i, n);
      counts[count] = slotRead;
    } else if (detail >= 0) {
      i = detailsEnd(b, i, n, detail < 2 ? CACHED : REASONING);
      shapes[detail] = shapeRead;
      detailCounts[detail] = countRead;
    } else {
      i = valueEnd(b, i, n);
    }
    if (i < 0 || (i = next(b, i, CLOSE)) === FAIL) return undefined;
  }
  const cached = countOf(chosen(shapes[0] as Shape, detailCounts[0], shapes[1] as Shape, detailCounts[1]));
  const reasoning = countOf(chosen(shapes[2] as Shape, detailCounts[2], shapes[3] as Shape, detailCounts[3]));
  return { usage: pickUsage(counts[0] ?? counts[1], counts[2] ?? counts[3], cached, reasoning), end: -2 - i };
}

/**
 * Reads the usage object whose `{` is at `start`. Undefined when the bytes hold something this
 * reader does not handle exactly (escaped keys, broken or cut-off JSON): parse those instead.
 */
export function readUsageAt(bytes: Buffer, start: number): ReadUsage | undefined {
  try {
    return read(bytes, start);
  } catch {
    // A stack overflow on absurdly deep nesting: JSON.parse decides.
    return undefined;
  }
}
