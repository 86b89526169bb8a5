const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Quoted attribute names in paths (shared by the runtime query parser and the local server): a segment in backticks is read literally (`\` escapes the next
 * character), so attributes whose names are not identifiers can be selected and filtered:
 * ``select `my-attr`, parent.`a b` from Thing where `my-attr` is "x"``. ftrack's own names are all
 * identifiers; the client writes this form only for names that are not (`pathSegment`).
 */

/** The index just past the backtick-quoted name starting at `start` (a backtick), or -1 when unterminated. */
export function skipQuotedName(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '`') return i + 1;
  }
  return -1;
}

/**
 * The attribute names of a path word (`parent.name`, ``parent.`my-attr` ``), or undefined when a
 * segment is neither an identifier nor one non-empty quoted name.
 *
 * @example readPathSegments('parent.`a b`') // ['parent', 'a b']
 */
export function readPathSegments(word: string): string[] | undefined {
  if (!word.includes('`')) {
    const segments = word.split('.');
    return segments.every((segment) => IDENT.test(segment)) ? segments : undefined;
  }
  const segments: string[] = [];
  let i = 0;
  for (;;) {
    if (word[i] === '`') {
      const end = skipQuotedName(word, i);
      if (end < 0 || end - i < 3) return undefined;
      segments.push(word.slice(i + 1, end - 1).replace(/\\(.)/gs, '$1'));
      i = end;
    } else {
      const dot = word.indexOf('.', i);
      const bare = word.slice(i, dot < 0 ? word.length : dot);
      if (!IDENT.test(bare)) return undefined;
      segments.push(bare);
      i += bare.length;
    }
    if (i === word.length) return segments;
    if (word[i] !== '.') return undefined;
    i++;
  }
}
