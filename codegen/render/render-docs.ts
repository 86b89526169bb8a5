import type { Docs } from '../declarations/declarations.js';

/** JSDoc lines for `docs` at `indent`; empty when there is nothing to say. */
export function renderDocs(docs: Docs | undefined, indent: string): string[] {
  if (docs === undefined) return [];
  const body = [...docs.lines.flatMap(splitLines), ...(docs.tags ?? []).map((t) => `@${t.tag}${t.text ? ` ${t.text}` : ''}`)]
    .flatMap(splitLines)
    .map(escapeComment);
  if (body.length === 0) return [];
  if (body.length === 1 && (docs.tags ?? []).length === 0) return [`${indent}/** ${body[0]} */`];
  return [`${indent}/**`, ...body.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)), `${indent} */`];
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/).map((line) => line.trimEnd());
}

/** Keeps schema text from closing the comment early. */
function escapeComment(line: string): string {
  return line.replace(/\*\//g, '*\\/');
}
