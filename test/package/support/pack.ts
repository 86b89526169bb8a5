import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from '../../support/shared.js';
import { run, succeeded } from './run.js';

/** Files at the root that `npm pack` reads or always ships, besides what package.json `files` lists. */
const ROOT_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'tsconfig.json', 'tsconfig.build.json'];

/**
 * `npm pack` of the working tree, built in `work/stage` (never in the repository's dist/): a copy of
 * the package's files and of the build's inputs, with the repository's node_modules linked for tsc.
 * The `prepack` script builds, as it does on publish. Resolves to the tarball's path.
 *
 * With `cache`, a tarball packed earlier from the same inputs is reused: the key is a SHA-256 of
 * every staged file (path and bytes), of package-lock.json (what node_modules holds, TypeScript
 * included) and of the Node and npm versions. The build and `npm pack` are deterministic (the same
 * inputs give a byte-identical tarball), so the reused tarball is the one `npm pack` would write;
 * any edit to a shipped or build file is another key and a real pack. `reused` tells which it was.
 */
export async function packProject(work: string, env: NodeJS.ProcessEnv, cache?: string): Promise<{ tarball: string; reused: boolean }> {
  const stage = join(work, 'stage');
  mkdirSync(stage, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name?: string; version?: string; files?: string[] };
  const build = JSON.parse(stripJsonComments(readFileSync(join(repoRoot, 'tsconfig.build.json'), 'utf8'))) as { include?: string[] };
  const entries = new Set([...ROOT_FILES, ...(manifest.files ?? []), ...(build.include ?? [])]);
  for (const entry of entries) {
    if (entry.startsWith('!') || entry === 'dist' || !existsSync(join(repoRoot, entry))) continue;
    cpSync(join(repoRoot, entry), join(stage, entry), { recursive: true });
  }
  const out = join(work, 'tarball');
  mkdirSync(out);
  const npm = async () => succeeded('npm --version', await run('npm', ['--version'], { cwd: stage, env })).stdout.trim();
  const kept = cache === undefined ? undefined : join(cache, `${packInputsKey(stage, await npm())}.tgz`);
  const name = `${(manifest.name ?? 'package').replace(/^@/, '').replace('/', '-')}-${manifest.version ?? '0.0.0'}.tgz`; // npm pack's naming
  if (kept !== undefined && existsSync(kept)) {
    copyFileSync(kept, join(out, name));
    return { tarball: join(out, name), reused: true };
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(stage, 'node_modules'), 'dir');
  succeeded('npm pack', await run('npm', ['pack', '--pack-destination', out], { cwd: stage, env, timeoutMs: 300_000 }));
  const [tarball, ...others] = readdirSync(out).filter((file) => file.endsWith('.tgz'));
  if (tarball === undefined || others.length > 0) throw new Error(`npm pack wrote ${readdirSync(out).join(', ')}`);
  if (kept !== undefined) {
    const folder = dirname(kept);
    mkdirSync(folder, { recursive: true });
    // tarballs of inputs long gone
    for (const old of readdirSync(folder)) if (Date.now() - statSync(join(folder, old)).mtimeMs > 7 * 86_400_000) rmSync(join(folder, old), { force: true });
    const temporary = `${kept}.${process.pid}.tmp`;
    copyFileSync(join(out, tarball), temporary);
    renameSync(temporary, kept);
  }
  return { tarball: join(out, tarball), reused: false };
}

/** SHA-256 of the staged files (node_modules aside), package-lock.json and the Node and npm versions. */
export function packInputsKey(stage: string, npm: string): string {
  const hash = createHash('sha256').update(`pack-v1\0${process.version}\0${npm}\0`);
  hash.update(readFileSync(join(repoRoot, 'package-lock.json')));
  for (const file of filesOf(stage)) {
    const bytes = readFileSync(file);
    hash.update(`\0${relative(stage, file)}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** Every file under `dir`, in a fixed order. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => (entry.isDirectory() ? filesOf(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : []));
}

/** tsconfig files may hold `//` comments. */
function stripJsonComments(text: string): string {
  return text.replace(/^\s*\/\/.*$/gm, '');
}
