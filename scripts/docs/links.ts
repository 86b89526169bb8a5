/**
 * Relative links of markdown pages: every `[text](path#anchor)` must name an existing file, and an
 * anchor into a markdown page one of its headings (GitHub's slugs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { codeBlocks } from './code-blocks.js';
import type { DocDiagnostic, DocPage } from './type-check-blocks.js';

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces → hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const fenced = new Set<number>();
  for (const block of codeBlocks('', markdown)) {
    const count = block.code.split('\n').length;
    for (let line = block.line - 1; line <= block.line + count; line++) fenced.add(line);
  }
  const slugs = new Set<string>();
  markdown.split('\n').forEach((line, index) => {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading && !fenced.has(index + 1)) slugs.add(headingSlug(heading[1]!));
  });
  return slugs;
}

/** Broken relative links of `pages` (paths relative to `root`). */
export function checkLinks(pages: readonly DocPage[], root: string): DocDiagnostic[] {
  const texts = new Map(pages.map((page) => [normalize(page.path), page.text]));
  const textOf = (path: string) => texts.get(path) ?? (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined);
  const problems: DocDiagnostic[] = [];
  for (const page of pages) {
    page.text.split('\n').forEach((line, index) => {
      for (const match of line.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1]!;
        if (/^[a-z]+:/i.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? normalize(page.path) : normalize(join(dirname(page.path), path));
        const at = { file: page.path, line: index + 1, column: match.index + 3 };
        const text = file.endsWith('.md') ? textOf(file) : undefined;
        if (path !== '' && !existsSync(join(root, file)) && !texts.has(file)) {
          problems.push({ ...at, message: `link to a missing file: ${target}` });
        } else if (anchor !== undefined && text !== undefined && !anchors(text).has(anchor)) {
          problems.push({ ...at, message: `link to a missing heading: ${target}` });
        }
      }
    });
  }
  return problems;
}
