/** Content types by extension (lower case, with the dot); anything else is `application/octet-stream`. */
const TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.exr': 'image/x-exr',
  '.dpx': 'image/x-dpx',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

/**
 * The `Content-Type` for a file name or extension (spec 4.4: `data.json` → `application/json`).
 *
 * @example
 * contentTypeOf('main.png'); // 'image/png'
 */
export function contentTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot < 0 ? undefined : TYPES[fileName.slice(dot).toLowerCase()]) ?? 'application/octet-stream';
}
