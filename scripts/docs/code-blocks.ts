/**
 * Fenced code blocks of a markdown page, and the conventions of the TypeScript ones (docs/development.md,
 * "Code blocks in the docs"): ```ts / ```typescript blocks are type-checked, each one a module of its own;
 * ```ts continued joins the previous TypeScript block of the page (the tutorial is one program);
 * ```ts nocheck: <reason> is skipped, and the reason is mandatory.
 */

/** One fenced block. */
export interface CodeBlock {
  /** The page, as given (e.g. `docs/queries.md`). */
  readonly file: string;
  /** The info string after the fence, trimmed (`ts`, `ts continued`, `sh` …). */
  readonly info: string;
  /** 1-based line of the block's first code line in the page. */
  readonly line: number;
  /** The code, without the fences. */
  readonly code: string;
}

/** What the check does with a block. */
export type BlockMode =
  | { readonly kind: 'other' }
  | { readonly kind: 'check'; readonly continued: boolean }
  | { readonly kind: 'nocheck'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly message: string };

const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;

/** The fenced blocks of `markdown`, in order. An unclosed fence runs to the end of the page. */
export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = FENCE.exec(lines[j]!);
      if (close && close[2]!.startsWith(fence[0]!) && close[2]!.length >= fence.length && close[3]!.trim() === '') break;
      body.push(lines[j]!);
    }
    blocks.push({ file, info: open[3]!.trim(), line: i + 2, code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** How the check treats a block, from its info string. */
export function blockMode(info: string): BlockMode {
  const match = /^(ts|typescript)\b\s*(.*)$/i.exec(info);
  if (!match) return { kind: 'other' };
  const rest = match[2]!.trim();
  if (rest === '') return { kind: 'check', continued: false };
  if (rest === 'continued') return { kind: 'check', continued: true };
  const nocheck = /^nocheck\b:?\s*(.*)$/.exec(rest);
  if (nocheck?.[1]) return { kind: 'nocheck', reason: nocheck[1].trim() };
  if (nocheck) return { kind: 'invalid', message: '```ts nocheck needs a reason: ```ts nocheck: <why this block cannot be checked>' };
  return { kind: 'invalid', message: `unknown code block marker "${info}": use \`\`\`ts, \`\`\`ts continued or \`\`\`ts nocheck: <reason>` };
}
