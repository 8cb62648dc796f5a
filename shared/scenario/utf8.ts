/**
 * Strict UTF-8 for the files a person hands Firebreak (scenarios, actions files).
 *
 * A byte that is not UTF-8 (Latin-1 text, an encoded surrogate, an overlong form) is an error
 * located at its line and column, never silently replaced with U+FFFD.
 */

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte: sequence length and the allowed range of the second byte (RFC 3629 table 3-7),
    // which excludes overlong forms (E0 80.., F0 80..), surrogates (ED A0..) and > U+10FFFF.
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + 1 >= b.length || b[i + 1]! < lo || b[i + 1]! > hi) return i;
    for (let k = 2; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

export type DecodeResult = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

/** Decodes strict UTF-8; on failure, the line and column (in characters) of the first bad byte. */
export function decodeUtf8(input: Uint8Array): DecodeResult {
  const at = firstInvalidUtf8(input);
  if (at < 0) return { ok: true, text: new TextDecoder('utf-8').decode(input) };
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (input[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = new TextDecoder().decode(input.subarray(lineStart, at)).length + 1;
  const byte = input[at]!;
  const hex = `0x${byte.toString(16).padStart(2, '0')}`;
  const what = byte === 0xed && (input[at + 1] ?? 0) >= 0xa0 ? `an encoded surrogate, byte ${hex}` : `invalid byte ${hex}`;
  return { ok: false, line, column, message: `not UTF-8 text (${what})` };
}
