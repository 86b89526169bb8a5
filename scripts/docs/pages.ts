import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The pages whose code blocks are checked, relative to `root`: README.md, docs/*.md, server/README.md. */
export function docPagePaths(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs, 'server/README.md'];
}
