import { blankLineEndAfter, blankLineEndBefore } from '../proxy/sse-framing.ts';

/** Start of the SSE event containing offset `at` (just past the previous blank line). */
export function eventStart(buf: Buffer, at: number): number {
  return blankLineEndBefore(buf, at);
}

/** End (just past the blank line) of the SSE event containing offset `at`; the buffer's end if none. */
export function eventEnd(buf: Buffer, at: number): number {
  const end = blankLineEndAfter(buf, at);
  return end < 0 ? buf.length : end;
}

/** The JSON payloads (`data:` lines) of the complete events in `buf`; `[DONE]` and non-JSON are left out. */
export function* eventPayloads(buf: Buffer): Generator<unknown> {
  for (const line of buf.toString('utf8').split(/\r\n|\r|\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '' || data === '[DONE]') continue;
    try {
      yield JSON.parse(data) as unknown;
    } catch {
      // A malformed event counts for nothing.
    }
  }
}
