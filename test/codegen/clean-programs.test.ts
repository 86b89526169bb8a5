import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownClean, programKey, recordClean } from './support/clean-programs.js';
import { tempDir } from './support/type-check.js';

// The record that lets typeCheck() answer an identical clean check without TypeScript: any change to
// what the program read (a file, a package.json, a folder's entries, the options, the roots) is a miss.

function setup() {
  const cache = tempDir('clean-cache');
  const shared = tempDir('clean-shared');
  writeFileSync(join(shared, 'package.json'), '{"type":"module"}');
  writeFileSync(join(shared, 'lib.d.ts'), 'export declare const x: number;');
  const app = (name: string) => {
    const dir = tempDir(`clean-app-${name}`);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, 'src', 'app.ts'), 'export const y = 1;');
    return dir;
  };
  const files = (dir: string) => [join(dir, 'src', 'app.ts'), join(shared, 'lib.d.ts')];
  const key = (dir: string, options: object = { strict: true }) => programKey('6.0.0', options, [join(dir, 'src', 'app.ts')], dir);
  return { cache, shared, app, files, key };
}

describe('clean type-check records', () => {
  it('answer a check of the same files in another app folder, and nothing else', () => {
    const { cache, app, files, key } = setup();
    const first = app('a');
    expect(isKnownClean(cache, key(first), first)).toBe(false);
    recordClean(cache, key(first), first, files(first));
    expect(isKnownClean(cache, key(first), first)).toBe(true);
    const second = app('b'); // same relative layout and texts, another temporary folder
    expect(key(second)).toBe(key(first));
    expect(isKnownClean(cache, key(second), second)).toBe(true);
    expect(isKnownClean(cache, key(second, { strict: false }), second)).toBe(false);
  });

  it('miss when an app file, a shared file, a package.json or a folder changes', () => {
    const { cache, shared, app, files, key } = setup();
    const dir = app('c');
    recordClean(cache, key(dir), dir, files(dir));
    const changes: [string, () => void, () => void][] = [
      ['app file', () => writeFileSync(join(dir, 'src', 'app.ts'), 'export const y: string = 1;'), () => writeFileSync(join(dir, 'src', 'app.ts'), 'export const y = 1;')],
      ['shared file', () => writeFileSync(join(shared, 'lib.d.ts'), 'export declare const x: string;'), () => writeFileSync(join(shared, 'lib.d.ts'), 'export declare const x: number;')],
      ['package.json', () => writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}'), () => writeFileSync(join(dir, 'package.json'), '{"type":"module"}')],
      ['a file beside an imported one', () => writeFileSync(join(dir, 'src', 'app.d.ts'), ''), () => rmSync(join(dir, 'src', 'app.d.ts'))],
      ['a removed file', () => rmSync(join(shared, 'lib.d.ts')), () => writeFileSync(join(shared, 'lib.d.ts'), 'export declare const x: number;')],
    ];
    for (const [what, change, undo] of changes) {
      change();
      expect(isKnownClean(cache, key(dir), dir), what).toBe(false);
      undo();
      expect(isKnownClean(cache, key(dir), dir), `${what} undone`).toBe(true);
    }
  });

  it('replace the record of the same app files when the shared files changed', () => {
    const { cache, shared, app, files, key } = setup();
    const dir = app('f');
    recordClean(cache, key(dir), dir, files(dir));
    writeFileSync(join(shared, 'lib.d.ts'), 'export declare const x: string;');
    recordClean(cache, key(dir), dir, files(dir));
    expect(readdirSync(cache).filter((name) => name.startsWith(`program-${key(dir)}-`))).toHaveLength(1);
    expect(isKnownClean(cache, key(dir), dir)).toBe(true);
  });

  it('keep one record per program under the same key', () => {
    const { cache, app, files, key } = setup();
    const one = app('d');
    const other = app('e');
    writeFileSync(join(other, 'src', 'app.ts'), 'export const y = 2;');
    recordClean(cache, key(one), one, files(one));
    recordClean(cache, key(other), other, files(other));
    expect(isKnownClean(cache, key(one), one)).toBe(true);
    expect(isKnownClean(cache, key(other), other)).toBe(true);
  });
});
