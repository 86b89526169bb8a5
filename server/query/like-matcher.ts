/**
 * `like` matching in time linear in the value: `%` any run, `_` one character (code point),
 * case-insensitive, no escape character (see server/README.md).
 *
 * The pattern is split on `%` into pieces that must occur in order: the first at the start,
 * the last at the end, the others leftmost-first in between (taking the leftmost occurrence of
 * each piece never loses a match, because `%` absorbs any gap). A piece without `_` is found
 * with Knuth–Morris–Pratt (O(n + m)); a piece with `_` with a bit-parallel Shift-And scan
 * (O(n · ⌈m/32⌉), only over the words that can hold a live partial match). Each piece scans
 * the value at most once, so a whole test is O(n · ⌈m/32⌉ + m) for any pattern and value.
 *
 * @example
 * likeMatcher('sh0_0%').test('SH010_comp'); // true — as in `name like "sh0_0%"`
 */
export function likeMatcher(pattern: string): LikeMatcher {
  return new LikeMatcher(pattern);
}

const PERCENT = 0x25;
const UNDERSCORE = 0x5f;

/**
 * Longest `%`-free run holding `_` a query may use (code points): such a run is scanned in
 * O(n · ⌈m/32⌉), so this bounds the per-character cost at 32 word operations. The parser
 * refuses longer runs; runs without `_` (KMP, O(n + m)) are not bounded.
 */
export const MAX_WILDCARD_PIECE = 1024;

/** Length in code points of the longest `%`-free run of `pattern` that holds `_` (0 when none). */
export function longestWildcardPiece(pattern: string): number {
  let longest = 0;
  for (const run of pattern.toLowerCase().split('%')) {
    if (run.includes('_')) longest = Math.max(longest, Array.from(run).length);
  }
  return longest;
}

/** One `%`-free run of the pattern, compiled for searching. */
interface Piece {
  readonly chars: Uint32Array;
  /** KMP failure table (pieces without `_`), or undefined. */
  readonly failure: Int32Array | undefined;
  /** Shift-And masks by code point (pieces with `_`), and the mask of `_` positions. */
  readonly masks: Map<number, Uint32Array> | undefined;
  readonly wildcardMask: Uint32Array | undefined;
  /** The same masks for code points below 128, by code point (a fast path). */
  readonly ascii: Uint32Array[] | undefined;
}

/** Code points of a value that the shared scratch buffer keeps for good (1 MiB of memory). */
const KEPT_CODE_POINTS = 1 << 18;
let kept = new Uint32Array(64);
let large: WeakRef<Uint32Array> | undefined;

/**
 * A buffer for the value's code points, shared by every matcher (`test` never yields), so a query
 * (a new matcher) over a large value reuses it instead of allocating and page-faulting a fresh one
 * (a 10 MiB value is a 40 MB buffer). Up to 1 MiB it is kept; a larger one is held weakly, so a
 * long-running server gives it back to the garbage collector.
 */
function scratchFor(length: number): Uint32Array {
  if (length <= KEPT_CODE_POINTS) {
    if (kept.length < length) kept = new Uint32Array(Math.min(KEPT_CODE_POINTS, Math.max(length, kept.length * 2)));
    return kept;
  }
  let buffer = large?.deref();
  if (buffer === undefined || buffer.length < length) {
    buffer = new Uint32Array(length);
    large = new WeakRef(buffer);
  }
  return buffer;
}

/** A compiled `like` pattern; `test` is safe to call on values of any size. */
export class LikeMatcher {
  private readonly pieces: Piece[];
  private readonly anchoredBothEnds: boolean;

  constructor(pattern: string) {
    const lower = pattern.toLowerCase(); // may be longer than the pattern ('İ' → 'i̇')
    const points = codePoints(lower, new Uint32Array(lower.length));
    const runs: number[][] = [[]];
    for (const point of points) {
      if (point === PERCENT) runs.push([]);
      else runs[runs.length - 1]!.push(point);
    }
    this.anchoredBothEnds = runs.length === 1;
    this.pieces = runs.map(compilePiece);
  }

  /** True when the whole of `text` matches the pattern. */
  test(text: string): boolean {
    const lower = text.toLowerCase();
    const value = codePoints(lower, scratchFor(lower.length));
    const n = value.length;
    const first = this.pieces[0]!;
    if (this.anchoredBothEnds) return n === first.chars.length && matchesAt(first.chars, value, 0);
    const last = this.pieces[this.pieces.length - 1]!;
    const end = n - last.chars.length;
    if (end < first.chars.length || !matchesAt(first.chars, value, 0) || !matchesAt(last.chars, value, end)) return false;
    let from = first.chars.length;
    for (let i = 1; i < this.pieces.length - 1; i++) {
      const piece = this.pieces[i]!;
      const found = find(piece, value, from, end);
      if (found < 0) return false;
      from = found + piece.chars.length;
    }
    return true;
  }
}

function compilePiece(run: number[]): Piece {
  const chars = Uint32Array.from(run);
  if (!run.includes(UNDERSCORE)) return { chars, failure: failureTable(chars), masks: undefined, wildcardMask: undefined, ascii: undefined };
  const words = Math.ceil(chars.length / 32);
  const wildcardMask = new Uint32Array(words);
  const masks = new Map<number, Uint32Array>();
  chars.forEach((point, index) => {
    if (point === UNDERSCORE) wildcardMask[index >>> 5]! |= 1 << (index & 31);
  });
  chars.forEach((point, index) => {
    if (point === UNDERSCORE) return;
    let mask = masks.get(point);
    if (mask === undefined) {
      mask = wildcardMask.slice();
      masks.set(point, mask);
    }
    mask[index >>> 5]! |= 1 << (index & 31);
  });
  const ascii = Array.from({ length: 128 }, (_, point) => masks.get(point) ?? wildcardMask);
  return { chars, failure: undefined, masks, wildcardMask, ascii };
}

/** True when `piece` (with `_` wildcards) matches `value` at `at`. */
function matchesAt(piece: Uint32Array, value: Uint32Array, at: number): boolean {
  if (at < 0 || at + piece.length > value.length) return false;
  for (let i = 0; i < piece.length; i++) {
    const point = piece[i]!;
    if (point !== UNDERSCORE && point !== value[at + i]) return false;
  }
  return true;
}

/** Start of the leftmost occurrence of `piece` inside `value[from, to)`, or -1. */
function find(piece: Piece, value: Uint32Array, from: number, to: number): number {
  const m = piece.chars.length;
  if (m === 0) return from;
  if (to - from < m) return -1;
  return piece.failure !== undefined ? findExact(piece.chars, piece.failure, value, from, to) : findWithWildcards(piece, value, from, to);
}

function failureTable(chars: Uint32Array): Int32Array {
  const failure = new Int32Array(chars.length);
  let k = 0;
  for (let i = 1; i < chars.length; i++) {
    while (k > 0 && chars[i] !== chars[k]) k = failure[k - 1]!;
    if (chars[i] === chars[k]) k++;
    failure[i] = k;
  }
  return failure;
}

/** Knuth–Morris–Pratt: at most 2·(to − from) comparisons. */
function findExact(chars: Uint32Array, failure: Int32Array, value: Uint32Array, from: number, to: number): number {
  const m = chars.length;
  let k = 0;
  for (let i = from; i < to; i++) {
    const point = value[i]!;
    while (k > 0 && point !== chars[k]) k = failure[k - 1]!;
    if (point === chars[k]) k++;
    if (k === m) return i - m + 1;
  }
  return -1;
}

/**
 * Shift-And: bit j of the state is set when the piece's first j+1 characters end at the current
 * position. Only words up to the highest live one (plus one) are updated.
 */
function findWithWildcards(piece: Piece, value: Uint32Array, from: number, to: number): number {
  const m = piece.chars.length;
  const words = piece.wildcardMask!.length;
  const masks = piece.masks!;
  const wildcard = piece.wildcardMask!;
  const ascii = piece.ascii!;
  if (words === 1) return findInOneWord(piece, value, from, to);
  const state = new Uint32Array(words);
  const lastWord = (m - 1) >>> 5;
  const lastBit = 1 << ((m - 1) & 31);
  let live = 0;
  for (let i = from; i < to; i++) {
    const point = value[i]!;
    const mask = point < 128 ? ascii[point]! : (masks.get(point) ?? wildcard);
    let carry = 1;
    const limit = live + 1 < words ? live + 1 : words - 1;
    let top = -1;
    for (let w = 0; w <= limit; w++) {
      const word = state[w]!;
      const next = ((word << 1) | carry) & mask[w]!;
      carry = word >>> 31;
      state[w] = next;
      if (next !== 0) top = w;
    }
    live = top < 0 ? 0 : top;
    if ((state[lastWord]! & lastBit) !== 0) return i - m + 1;
  }
  return -1;
}

/** Shift-And for pieces of at most 32 characters: the state is one machine word. */
function findInOneWord(piece: Piece, value: Uint32Array, from: number, to: number): number {
  const m = piece.chars.length;
  const masks = piece.masks!;
  const wildcard = piece.wildcardMask![0]!;
  const ascii = piece.ascii!.map((mask) => mask[0]!);
  const lastBit = 1 << (m - 1);
  let state = 0;
  for (let i = from; i < to; i++) {
    const point = value[i]!;
    const mask = point < 128 ? ascii[point]! : (masks.get(point)?.[0] ?? wildcard);
    state = ((state << 1) | 1) & mask;
    if ((state & lastBit) !== 0) return i - m + 1;
  }
  return -1;
}

/** The code points of `text` in `into` (a view of the used length). */
function codePoints(text: string, into: Uint32Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        into[count++] = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    into[count++] = unit;
  }
  return into.subarray(0, count);
}
