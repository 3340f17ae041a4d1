const LF = 0x0a;
const CR = 0x0d;

// Events end with a blank line; "\n", "\r\n" and "\r" all end lines, so a blank line is one of
// "\n\n", "\r\r" or "\n\r\n". The searches below step from line break to line break (memchr or
// memrchr per step) instead of visiting every byte: inside an event, breaks are rare.

function view(buf: Uint8Array): Buffer {
  return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Just past the last blank line that ends before `limit`, or 0 when there is none. */
export function blankLineEndBefore(buf: Uint8Array, limit: number): number {
  if (limit <= 0) return 0;
  const v = view(buf);
  // lastIndexOf's offset counts from the end when negative, so each search guards its start.
  let lf = v.lastIndexOf(LF, limit - 1);
  let cr = v.lastIndexOf(CR, limit - 1);
  while (lf >= 0 || cr >= 0) {
    const at = Math.max(lf, cr);
    const prev = v[at - 1];
    // A blank line ends at `at`: "\n\n", "\r\r" or "\n\r\n".
    if (prev === v[at] || (v[at] === LF && prev === CR && v[at - 2] === LF)) return at + 1;
    if (at === lf) lf = at === 0 ? -1 : v.lastIndexOf(LF, at - 1);
    else cr = at === 0 ? -1 : v.lastIndexOf(CR, at - 1);
  }
  return 0;
}

/** Just past the first blank line that starts at or after `from`, or -1 when there is none. */
export function blankLineEndAfter(buf: Uint8Array, from: number): number {
  const v = view(buf);
  let lf = v.indexOf(LF, from);
  let cr = v.indexOf(CR, from);
  while (lf >= 0 || cr >= 0) {
    const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    const next = v[at + 1];
    // A blank line starts at `at`: "\n\n", "\r\r" or "\n\r\n".
    if (next === v[at]) return at + 2;
    if (v[at] === LF && next === CR && v[at + 2] === LF) return at + 3;
    if (at === lf) lf = v.indexOf(LF, at + 1);
    else cr = v.indexOf(CR, at + 1);
  }
  return -1;
}

/**
 * Where the last complete server-sent event in `buf` ends (just past its blank line), or 0
 * when it holds none. A block whose last event is complete costs one or two searches whatever
 * its size.
 */
export function lastEventEnd(buf: Uint8Array): number {
  return blankLineEndBefore(buf, buf.byteLength);
}
