const LF = 0x0a;
const CR = 0x0d;

/**
 * Where the last complete server-sent event in `buf` ends (just past its blank line), or 0
 * when it holds none. Events end with a blank line; "\n", "\r\n" and "\r" all end lines.
 * Walks back from the end one line break at a time (memrchr per step), so a block whose last
 * event is complete costs one or two searches whatever its size.
 */
export function lastEventEnd(buf: Uint8Array): number {
  const view = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let lf = view.lastIndexOf(LF);
  let cr = view.lastIndexOf(CR);
  while (lf >= 0 || cr >= 0) {
    const at = Math.max(lf, cr);
    const prev = view[at - 1];
    // A blank line ends at `at`: "\n\n", "\r\r" or "\n\r\n".
    if (prev === view[at] || (view[at] === LF && prev === CR && view[at - 2] === LF)) return at + 1;
    if (at === lf) lf = at === 0 ? -1 : view.lastIndexOf(LF, at - 1);
    else cr = at === 0 ? -1 : view.lastIndexOf(CR, at - 1);
  }
  return 0;
}
