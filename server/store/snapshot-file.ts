import type { EntityTypeModel } from '../../runtime/schema/index.js';
import { toWire } from '../model/values.js';
import type { DataFiles } from './data-files.js';
import type { StoreSnapshot } from './store.js';
import type { Workspace } from './workspace.js';

const ROWS_PER_CHUNK = 2000;
/** Longest stretch a background snapshot keeps the event loop busy before yielding. */
const SLICE_MS = 8;

/**
 * Writes a consistent snapshot of the workspace as the `--data` file, crash-safely: a temporary
 * file in the same folder, fsync, rename over FILE, fsync of the folder. The file is the
 * documented data format plus `"journal": N` — the first journal generation it does not include.
 * It yields to the event loop between slices, so batches keep running; the snapshot still shows
 * the rows as they were when `view` began.
 *
 * @returns the size of the written file in bytes.
 */
export async function writeSnapshot(files: DataFiles, workspace: Workspace, view: StoreSnapshot, generation: number): Promise<number> {
  const temporary = files.temporaryPath();
  const fd = files.fs.openSync(temporary, 'wx');
  let bytes = 0;
  try {
    let sliceStart = performance.now();
    for (const chunk of snapshotChunks(workspace, view, generation)) {
      bytes += writeChunk(files, fd, chunk);
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    files.fs.fsyncSync(fd);
  } catch (error) {
    abandon(files, fd, temporary);
    throw error;
  }
  publish(files, fd, temporary);
  return bytes;
}

/** `writeSnapshot` of the current rows in one go (start-up, when nothing else runs). */
export function writeSnapshotNow(files: DataFiles, workspace: Workspace, generation: number): number {
  const view = workspace.store.beginSnapshot();
  const temporary = files.temporaryPath();
  let fd: number | undefined;
  let bytes = 0;
  try {
    fd = files.fs.openSync(temporary, 'wx');
    for (const chunk of snapshotChunks(workspace, view, generation)) bytes += writeChunk(files, fd, chunk);
    files.fs.fsyncSync(fd);
  } catch (error) {
    if (fd !== undefined) abandon(files, fd, temporary);
    throw error;
  } finally {
    view.release();
  }
  publish(files, fd, temporary);
  return bytes;
}

function writeChunk(files: DataFiles, fd: number, chunk: string): number {
  const data = Buffer.from(chunk);
  files.writeAll(fd, data);
  return data.length;
}

/** Cleans up after a failed snapshot (best effort: the original error is what matters). */
function abandon(files: DataFiles, fd: number, temporary: string): void {
  try {
    files.fs.closeSync(fd);
  } catch {
    // already failing
  }
  try {
    files.remove(temporary);
  } catch {
    // a leftover temporary file is removed at the next start
  }
}

/** Closes the written temporary file and renames it over FILE (then makes the rename durable). */
function publish(files: DataFiles, fd: number, temporary: string): void {
  try {
    files.fs.closeSync(fd);
    files.fs.renameSync(temporary, files.path);
  } catch (error) {
    files.remove(temporary);
    throw error;
  }
  files.syncFolder();
}

function* snapshotChunks(workspace: Workspace, view: StoreSnapshot, generation: number): Generator<string> {
  yield `{"journal":${generation},"entities":{`;
  let firstType = true;
  for (const [typeName, rows] of view.rows) {
    const type = workspace.model.types.get(typeName);
    if (type === undefined) continue;
    yield `${firstType ? '' : ','}${JSON.stringify(typeName)}:[`;
    firstType = false;
    for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
      const end = Math.min(rows.length, start + ROWS_PER_CHUNK);
      const parts: string[] = [];
      for (let i = start; i < end; i++) parts.push(JSON.stringify(wireRow(type, view.values(rows[i]!))));
      yield `${start === 0 ? '' : ','}${parts.join(',')}`;
    }
    yield ']';
  }
  yield '}}\n';
}

/** One row's values in the `--data` file format (datetimes as wire objects). */
function wireRow(type: EntityTypeModel, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const attribute = type.attributes.get(name);
    out[name] = toWire(attribute?.kind === 'scalar' ? attribute : undefined, value);
  }
  return out;
}
