// Deterministic UUID-shaped ids derived from a label, so an entity keeps its id whatever else
// the dataset contains (e.g. the projects' children keep theirs when `tasks` grows).

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number): string => HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
const hex8 = (n: number): string => hex4(n >>> 16) + hex4(n);

/**
 * A version-4-shaped UUID computed from `label` (two 32-bit hash lanes, mixed out to 122 bits).
 *
 * @example
 * stableId('Context:test/sq010/sh010'); // always the same "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
 */
export function stableId(label: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b1;
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }
  const w1 = mix(a ^ mix(b));
  const w2 = mix(b ^ mix(a + 0x27d4eb2f));
  const w3 = mix(w1 ^ b ^ 0x165667b1);
  const w4 = mix(w2 ^ a ^ 0x85ebca77);
  const version = hex4(((w2 & 0x0fff) | 0x4000) >>> 0);
  const variant = hex4(((w3 >>> 16) & 0x3fff) | 0x8000);
  return `${hex8(w1)}-${hex4(w2 >>> 16)}-${version}-${variant}-${hex4(w3)}${hex8(w4)}`;
}
