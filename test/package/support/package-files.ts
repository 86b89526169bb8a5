import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Every regular file under `dir` (recursively, symlinks not followed), as absolute paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Module specifiers a JS or .d.ts text imports: `import`/`export … from`, `import '…'`, `import('…')`,
 * `import x = require('…')` and `require('…')` (TypeScript's scanner: never text in strings or comments).
 */
export function moduleSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** `/// <reference types="…" />` directives of a .d.ts text. */
export function typeReferences(text: string): string[] {
  return ts.preProcessFile(text, true, true).typeReferenceDirectives.map((directive) => directive.fileName);
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined for a relative one. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** A Node built-in module (`node:fs`, `fs`, `fs/promises`). */
export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier) || builtinModules.includes(specifier.split('/')[0]!);
}

/**
 * The .d.ts files reachable from `entry` through relative imports and exports, with the bare
 * specifiers and `reference types` each one names.
 */
export function declarationGraph(entry: string): Map<string, { readonly bare: string[]; readonly references: string[] }> {
  const seen = new Map<string, { bare: string[]; references: string[] }>();
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    const specifiers = moduleSpecifiers(text);
    seen.set(file, { bare: specifiers.filter((s) => packageOf(s) !== undefined), references: typeReferences(text) });
    for (const specifier of specifiers) {
      if (packageOf(specifier) !== undefined) continue;
      pending.push(resolve(dirname(file), specifier).replace(/\.(m?)js$/, '.d.$1ts'));
    }
  }
  return seen;
}

/** Installed size of a node_modules folder: file bytes (as npm's "unpacked size") and disk blocks. */
export interface Footprint {
  readonly bytes: number;
  readonly diskBytes: number;
  readonly files: number;
  readonly packages: readonly string[];
}

/** What npm installed in `nodeModules` (npm's own bookkeeping files left out). */
export function footprint(nodeModules: string): Footprint {
  let bytes = 0;
  let diskBytes = 0;
  let files = 0;
  const packages = new Set<string>();
  for (const file of filesUnder(nodeModules)) {
    const path = relative(nodeModules, file).split(sep);
    if (path[0] === '.package-lock.json' || path[0] === '.bin' || path[0] === '.cache') continue;
    const stat = lstatSync(file);
    bytes += stat.size;
    diskBytes += stat.blocks * 512;
    files += 1;
    if (path.at(-1) === 'package.json' && !path.slice(0, -1).includes('node_modules')) packages.add(path.slice(0, path[0]!.startsWith('@') ? 2 : 1).join('/'));
  }
  return { bytes, diskBytes, files, packages: [...packages].sort() };
}

/** Megabytes (2^20 bytes) with one decimal. */
export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
