/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial) of a string's UTF-8 bytes, as 8 hex digits.
 *
 * shared/ runs in the page as well as in Node, so it cannot use node:zlib; this is the standard
 * table-driven algorithm, checked against zlib.crc32 in the tests.
 */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

const encoder = new TextEncoder();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function crc32Hex(text: string): string {
  return crc32(encoder.encode(text)).toString(16).padStart(8, '0');
}
