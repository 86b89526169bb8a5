/**
 * `npm run check:docs`: type-checks every ```ts block of README.md, docs/*.md and server/README.md
 * against the generated demo client (conventions: docs/development.md, "Code blocks in the docs").
 * Prints `page:line:column - TSnnnn: message` per problem, checks the pages' relative links, and exits 1
 * when there is any problem.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkLinks } from './docs/links.js';
import { docPagePaths } from './docs/pages.js';
import { checkDocPages, formatDiagnostic, type DocPage } from './docs/type-check-blocks.js';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

function main(): number {
  const started = performance.now();
  const pages: DocPage[] = docPagePaths(root).map((path) => ({ path, text: readFileSync(`${root}/${path}`, 'utf8') }));
  const result = checkDocPages(pages, root);
  const links = checkLinks(pages, root);
  for (const diagnostic of [...result.diagnostics, ...links]) console.error(formatDiagnostic(diagnostic));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `check:docs: ${result.checked} TypeScript blocks in ${pages.length} pages, ${result.skipped.length} marked nocheck, ` +
      `${result.diagnostics.length} problems; ${links.length} broken links (${seconds} s)`,
  );
  return result.diagnostics.length + links.length === 0 ? 0 : 1;
}

process.exitCode = main();
