import { ArgumentError } from '../errors.js';

/** A sequence pattern read: member paths with their frame names, the padding, the container file name. */
export interface SequencePattern {
  readonly members: readonly { readonly path: string; readonly name: string }[];
  readonly padding: number;
  /** `plate.exr` for `/seq/plate.%04d.exr`. */
  readonly fileName: string;
}

/**
 * Reads `'<head>%0Nd<tail> [<ranges>]'` (ranges: `1-10, 12`): one member per frame, named by the
 * frame as it appears in its path (`0001`); padding N (0 for `%d`).
 * @example parseSequence('/seq/plate.%04d.exr [1-3]') // members /seq/plate.0001.exr … 0003, padding 4, fileName plate.exr
 */
export function parseSequence(pattern: string): SequencePattern {
  const match = /^(.*?)%(0(\d+))?d(.*?)\s*\[([\d\s,-]+)\]\s*$/.exec(pattern);
  if (match === null) throw new ArgumentError(`Not a sequence pattern: ${JSON.stringify(pattern)} (expected e.g. "/seq/plate.%04d.exr [1-10]").`, { cause: { pattern } });
  const [, head, , digits, tail, ranges] = match as unknown as [string, string, string | undefined, string | undefined, string, string];
  const padding = digits === undefined ? 0 : Number(digits);
  const frames: number[] = [];
  for (const part of ranges.split(',').map((text) => text.trim()).filter((text) => text !== '')) {
    const [from, to] = part.split('-').map((text) => Number(text.trim()));
    if (from === undefined || !Number.isInteger(from) || (to !== undefined && (!Number.isInteger(to) || to < from))) {
      throw new ArgumentError(`Bad frame range ${JSON.stringify(part)} in ${JSON.stringify(pattern)}.`, { cause: { pattern } });
    }
    for (let frame = from; frame <= (to ?? from); frame++) frames.push(frame);
  }
  const base = head.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/[._-]+$/, '');
  return {
    padding,
    fileName: `${stem === '' ? 'main' : stem}${tail}`,
    members: frames.map((frame) => {
      const name = String(frame).padStart(padding, '0');
      return { path: `${head}${name}${tail}`, name };
    }),
  };
}
