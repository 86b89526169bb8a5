import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/shared.js';
import { run, succeeded } from './run.js';

/** Files at the root that `npm pack` reads or always ships, besides what package.json `files` lists. */
const ROOT_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'tsconfig.json', 'tsconfig.build.json'];

/**
 * `npm pack` of the working tree, built in `work/stage` (never in the repository's dist/): a copy of
 * the package's files and of the build's inputs, with the repository's node_modules linked for tsc.
 * The `prepack` script builds, as it does on publish. Resolves to the tarball's path.
 */
export async function packProject(work: string, env: NodeJS.ProcessEnv): Promise<string> {
  const stage = join(work, 'stage');
  mkdirSync(stage, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { files?: string[] };
  const build = JSON.parse(stripJsonComments(readFileSync(join(repoRoot, 'tsconfig.build.json'), 'utf8'))) as { include?: string[] };
  const entries = new Set([...ROOT_FILES, ...(manifest.files ?? []), ...(build.include ?? [])]);
  for (const entry of entries) {
    if (entry.startsWith('!') || entry === 'dist' || !existsSync(join(repoRoot, entry))) continue;
    cpSync(join(repoRoot, entry), join(stage, entry), { recursive: true });
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(stage, 'node_modules'), 'dir');
  const out = join(work, 'tarball');
  mkdirSync(out);
  succeeded('npm pack', await run('npm', ['pack', '--pack-destination', out], { cwd: stage, env, timeoutMs: 300_000 }));
  const [tarball, ...others] = readdirSync(out).filter((name) => name.endsWith('.tgz'));
  if (tarball === undefined || others.length > 0) throw new Error(`npm pack wrote ${readdirSync(out).join(', ')}`);
  return join(out, tarball);
}

/** tsconfig files may hold `//` comments. */
function stripJsonComments(text: string): string {
  return text.replace(/^\s*\/\/.*$/gm, '');
}
