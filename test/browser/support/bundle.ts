import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { repoRoot } from '../../support/shared.js';

/** Conditions esbuild applies with `--platform=browser` for an `import`. */
const BROWSER_CONDITIONS = new Set(['browser', 'import', 'default', 'module']);

type ExportTarget = string | { readonly [condition: string]: ExportTarget };

/**
 * Where `ftrack-codegen` resolves for a browser bundler: package.json `exports["."]` read with
 * the browser conditions, in key order (as esbuild, Vite and webpack do). A `dist/….js` target
 * is mapped to its TypeScript source, so the test needs no build.
 */
export function browserEntry(): { readonly target: string; readonly source: string } {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, ExportTarget> };
  const pick = (target: ExportTarget): string | undefined => {
    if (typeof target === 'string') return target;
    for (const [condition, next] of Object.entries(target)) {
      if (!BROWSER_CONDITIONS.has(condition)) continue;
      const found = pick(next);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const target = pick(manifest.exports['.']!);
  if (target === undefined) throw new Error('package.json exports["."] has no target for the browser conditions');
  const source = join(repoRoot, target.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'));
  if (!existsSync(source)) throw new Error(`exports["."] for browsers is ${target}, whose source ${source} does not exist`);
  return { target, source };
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** What a bundle holds and imported. */
export interface Bundle {
  readonly code: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Node built-ins some module asked for (each fails the build too). */
  readonly builtins: readonly string[];
  /** Input files, relative to the repository. */
  readonly inputs: readonly string[];
  readonly metafile: Metafile;
}

/**
 * Bundles `contents` (TypeScript, resolved from the repository root) with esbuild for the browser:
 * `ftrack-codegen` resolves through package.json's browser condition; any Node built-in is an error.
 */
export async function bundleForBrowser(contents: string, options: { minify?: boolean; format?: 'esm' | 'iife'; globalName?: string } = {}): Promise<Bundle> {
  const builtins: string[] = [];
  const entry = browserEntry();
  const plugins: Plugin[] = [
    {
      name: 'ftrack-codegen-browser-condition',
      setup(context) {
        context.onResolve({ filter: /^ftrack-codegen$/ }, () => ({ path: entry.source }));
      },
    },
    {
      name: 'no-node-builtins',
      setup(context) {
        context.onResolve({ filter: /.*/ }, (args) => {
          const root = args.path.startsWith('node:') ? args.path : args.path.split('/')[0]!;
          if (!NODE_BUILTINS.has(root) && !args.path.startsWith('node:')) return undefined;
          builtins.push(`${args.path} (imported by ${args.importer.replace(`${repoRoot}/`, '')})`);
          return { errors: [{ text: `Node built-in "${args.path}" in a browser bundle` }] };
        });
      },
    },
  ];
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, sourcefile: 'browser-app.ts', loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: options.format ?? 'esm',
    ...(options.globalName !== undefined ? { globalName: options.globalName } : {}),
    target: 'es2022',
    minify: options.minify ?? false,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
  }).catch((error: unknown) => {
    throw new Error(`esbuild --platform=browser failed${builtins.length > 0 ? ` (Node built-ins: ${builtins.join(', ')})` : ''}: ${(error as Error).message}`);
  });
  const code = result.outputFiles[0]!.text;
  const bytes = Buffer.byteLength(code);
  return {
    code,
    bytes,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    builtins,
    inputs: Object.keys(result.metafile.inputs),
    metafile: result.metafile,
  };
}

/** Bytes in the output per package (`node_modules/<name>`) or top folder of ours. */
export function bytesBySource(bundle: Bundle): Record<string, number> {
  const out: Record<string, number> = {};
  const output = Object.values(bundle.metafile.outputs)[0]!;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const key = match ? match[1]! : input.split('/').slice(0, 2).join('/');
    out[key] = (out[key] ?? 0) + bytesInOutput;
  }
  return out;
}
