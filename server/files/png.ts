import { deflateSync, inflateSync } from 'node:zlib';

/** An 8-bit RGBA image. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel by colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA). */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** True when `bytes` start with the PNG signature. */
export function isPng(bytes: Buffer): boolean {
  return bytes.length > 8 && bytes.subarray(0, 8).equals(SIGNATURE);
}

/**
 * Decodes a non-interlaced 8-bit PNG (any colour type) to RGBA; undefined for anything else
 * (16-bit, sub-byte depths, interlaced, corrupt), which callers serve unscaled.
 *
 * @example
 * decodePng(readFileSync('thumb.png'))?.width; // 768
 */
export function decodePng(bytes: Buffer): RgbaImage | undefined {
  try {
    return decode(bytes);
  } catch {
    return undefined;
  }
}

function decode(bytes: Buffer): RgbaImage | undefined {
  if (!isPng(bytes)) return undefined;
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  let palette: Buffer = Buffer.alloc(0);
  let transparency: Buffer = Buffer.alloc(0);
  const data: Buffer[] = [];
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) return undefined;
      colourType = body[9]!;
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
  }
  const channels = CHANNELS[colourType];
  if (channels === undefined || width === 0 || height === 0 || width * height > 50_000_000) return undefined;
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const samples = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? samples[y * stride + x - channels]! : 0;
      const up = y > 0 ? samples[(y - 1) * stride + x]! : 0;
      const corner = x >= channels && y > 0 ? samples[(y - 1) * stride + x - channels]! : 0;
      samples[y * stride + x] = (line[x]! + predict(filter, left, up, corner)) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const p = i * 4;
    if (colourType === 3) {
      const index = samples[s]!;
      pixels.set([palette[index * 3] ?? 0, palette[index * 3 + 1] ?? 0, palette[index * 3 + 2] ?? 0, transparency[index] ?? 255], p);
    } else if (channels <= 2) {
      pixels.set([samples[s]!, samples[s]!, samples[s]!, channels === 2 ? samples[s + 1]! : 255], p);
    } else {
      pixels.set([samples[s]!, samples[s + 1]!, samples[s + 2]!, channels === 4 ? samples[s + 3]! : 255], p);
    }
  }
  return { width, height, pixels };
}

function predict(filter: number, left: number, up: number, corner: number): number {
  switch (filter) {
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const estimate = left + up - corner;
      const a = Math.abs(estimate - left);
      const b = Math.abs(estimate - up);
      const c = Math.abs(estimate - corner);
      return a <= b && a <= c ? left : b <= c ? up : corner;
    }
    default:
      return 0;
  }
}

/**
 * Scales `image` to fit within `size` × `size`, keeping the aspect ratio (each side at least 1
 * pixel; 768×576 at 10 → 10×8), by averaging the source pixels each target pixel covers.
 * An image already within the box is returned as is.
 */
export function fitWithin(image: RgbaImage, size: number): RgbaImage {
  const scale = Math.min(size / image.width, size / image.height);
  if (scale >= 1) return image;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const pixels = new Uint8Array(width * height * 4);
  for (let ty = 0; ty < height; ty++) {
    const y0 = Math.floor((ty * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * image.height) / height));
    for (let tx = 0; tx < width; tx++) {
      const x0 = Math.floor((tx * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * image.width) / width));
      const sum = [0, 0, 0, 0];
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 4; c++) sum[c]! += image.pixels[(y * image.width + x) * 4 + c]!;
      const count = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < 4; c++) pixels[(ty * width + tx) * 4 + c] = Math.round(sum[c]! / count);
    }
  }
  return { width, height, pixels };
}

/**
 * Encodes an RGBA image as a PNG (no filtering, zlib level 9).
 *
 * @example
 * encodePng({ width: 1, height: 1, pixels: new Uint8Array([128, 128, 128, 255]) }); // a 1×1 grey PNG
 */
export function encodePng(image: RgbaImage): Buffer {
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) Buffer.from(image.pixels.buffer, image.pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  body.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A flat grey `size` × `size` PNG: the thumbnail placeholder and `encode_media`'s image output. */
export function placeholderPng(size = 1): Buffer {
  return encodePng({ width: size, height: size, pixels: new Uint8Array(size * size * 4).fill(160).map((v, i) => (i % 4 === 3 ? 255 : v)) });
}
