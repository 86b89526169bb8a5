import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

// Records of type checks that found nothing, so an identical check is answered without TypeScript:
// what `tsc -b` does with its build info. A record lists every file the program read, by SHA-256 of
// its bytes, with the nearest package.json of each (module format, package exports) and the entry
// names of every folder holding one (a file added beside an imported one can change resolution). A
// later check with the same options and root files whose listed files, package.json files and
// folders all hash the same is the same program: clean again. Only clean checks are recorded, so a
// check that finds errors always runs in full. App files are listed relative to the app folder
// (fresh temporary folders each run), everything else by absolute path.

/** What a clean check read. */
interface CleanRecord {
  /** File (`@app/…` for the app's own) → SHA-256 of its bytes. */
  readonly files: Readonly<Record<string, string>>;
  /** Folder (same naming) → SHA-256 of its sorted entry names. */
  readonly folders: Readonly<Record<string, string>>;
}

const APP = '@app/';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function named(path: string, dir: string): string {
  return path === dir || path.startsWith(dir + sep) ? `${APP}${relative(dir, path)}` : path;
}

function located(name: string, dir: string): string {
  return name.startsWith(APP) ? join(dir, name.slice(APP.length)) : name;
}

function fileHash(path: string): string | undefined {
  try {
    return sha(readFileSync(path));
  } catch {
    return undefined;
  }
}

function folderHash(path: string): string | undefined {
  try {
    return sha(readdirSync(path).sort().join('\n'));
  } catch {
    return undefined;
  }
}

/** The nearest package.json above `file` (undefined at the root). */
function packageJsonOf(file: string, seen: Map<string, string | undefined>): string | undefined {
  const folder = dirname(file);
  if (seen.has(folder)) return seen.get(folder);
  const here = join(folder, 'package.json');
  const found = existsSync(here) ? here : dirname(folder) === folder ? undefined : packageJsonOf(folder, seen);
  seen.set(folder, found);
  return found;
}

/** The key of a check: TypeScript's version, the options and the root files (app-relative). */
export function programKey(version: string, options: object, rootNames: readonly string[], dir: string): string {
  const opts = JSON.stringify(options, (name, value: unknown) => (name === 'configFilePath' || name === 'pathsBasePath' ? undefined : value));
  return sha(`${version}\0${opts}\0${rootNames.map((name) => named(name, dir)).join('\0')}`).slice(0, 32);
}

/** True when a clean check of `key` read exactly what is on disk now. */
export function isKnownClean(cache: string, key: string, dir: string): boolean {
  let names: string[];
  try {
    names = readdirSync(cache).filter((name) => name.startsWith(`program-${key}-`));
  } catch {
    return false;
  }
  return names.some((name) => {
    let record: CleanRecord;
    try {
      record = JSON.parse(readFileSync(join(cache, name), 'utf8')) as CleanRecord;
    } catch {
      return false;
    }
    // the app's own files first: they are what usually differs
    const files = Object.entries(record.files).sort(([a], [b]) => Number(b.startsWith(APP)) - Number(a.startsWith(APP)));
    return (
      files.every(([file, hash]) => fileHash(located(file, dir)) === hash) &&
      Object.entries(record.folders).every(([folder, hash]) => folderHash(located(folder, dir)) === hash)
    );
  });
}

/** Records a clean check of `key` that read `fileNames` (written atomically: workers share the folder). */
export function recordClean(cache: string, key: string, dir: string, fileNames: readonly string[]): void {
  const seen = new Map<string, string | undefined>();
  const read = new Set<string>();
  for (const file of fileNames) {
    read.add(file);
    const manifest = packageJsonOf(file, seen);
    if (manifest !== undefined) read.add(manifest);
  }
  const files: Record<string, string> = {};
  const folders: Record<string, string> = {};
  for (const file of [...read].sort()) {
    const hash = fileHash(file);
    if (hash === undefined) return; // gone meanwhile: nothing to record
    files[named(file, dir)] = hash;
    const folder = named(dirname(file), dir);
    if (folders[folder] !== undefined) continue;
    const entries = folderHash(dirname(file));
    if (entries === undefined) return;
    folders[folder] = entries;
  }
  const record: CleanRecord = { files, folders };
  const text = JSON.stringify(record);
  const name = `program-${key}-${sha(text).slice(0, 16)}.json`;
  const temporary = join(cache, `${name}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, join(cache, name));
  // an older record of the same app files under this key read other shared files: it can no longer match
  const own = appEntries(record);
  for (const other of readdirSync(cache)) {
    if (other === name || !other.startsWith(`program-${key}-`) || !other.endsWith('.json')) continue;
    try {
      if (appEntries(JSON.parse(readFileSync(join(cache, other), 'utf8')) as CleanRecord) === own) rmSync(join(cache, other), { force: true });
    } catch {
      // removed or being written by another worker meanwhile
    }
  }
}

/** The app's own files of a record, as one comparable string. */
function appEntries(record: CleanRecord): string {
  return JSON.stringify(Object.entries(record.files).filter(([file]) => file.startsWith(APP)));
}
