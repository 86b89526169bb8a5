/** Left rotation amounts of the 64 steps (RFC 1321), four per round. */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** The sine table of RFC 1321: the integer part of |sin(i + 1)| × 2³². */
const SINES = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

/**
 * MD5 hex digest of `text`'s UTF-8 bytes, in plain JavaScript (RFC 1321): the schema and values
 * hashes need no `node:crypto`, so browser bundles hash as Node does. Not for security.
 *
 * @example md5Hex('') // 'd41d8cd98f00b204e9800998ecf8427e'
 */
export function md5Hex(text: string): string {
  const input = new TextEncoder().encode(text);
  // Message, 0x80, zeros up to 56 mod 64, then the length in bits as 64-bit little-endian.
  const length = (((input.length + 8) >>> 6) + 1) << 6;
  const bytes = new Uint8Array(length);
  bytes.set(input);
  bytes[input.length] = 0x80;
  const view = new DataView(bytes.buffer);
  view.setUint32(length - 8, (input.length * 8) >>> 0, true);
  view.setUint32(length - 4, Math.floor(input.length / 0x20000000), true);
  const words = new Int32Array(16);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let offset = 0; offset < length; offset += 64) {
    for (let w = 0; w < 16; w++) words[w] = view.getInt32(offset + w * 4, true);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const sum = (f + a + SINES[i]! + words[g]!) | 0;
      const shift = SHIFTS[((i >> 4) << 2) + (i & 3)]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  const digest = new DataView(new ArrayBuffer(16));
  [a0, b0, c0, d0].forEach((word, i) => digest.setInt32(i * 4, word, true));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += digest.getUint8(i).toString(16).padStart(2, '0');
  return hex;
}
