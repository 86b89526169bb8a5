import { LocationError } from '../errors.js';
import { selectRows, selectWhere } from './file-queries.js';
import type { CallApi } from './server-upload.js';
import { FILE_TYPES } from '../contract/file-types.js';

/** What a structure knows of the component being added. */
export interface StructureInput {
  readonly componentId: string;
  readonly name: string;
  /** With the dot (`.exr`), or empty. */
  readonly fileType: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly call: CallApi;
  readonly signal: AbortSignal | undefined;
}

/** Computes the resource identifier (a relative path, `/`-separated) of a component in a location. */
export type Structure = (input: StructureInput) => Promise<string>;

/**
 * By id (ftrack's IdStructure): the first four characters of the id as
 * folders, then the rest of the id and the file type.
 * @example idStructure → "5/d/4/c/0d51-2b7e-4d4a-9a1f-0c3e2b1a9f00.png"
 */
export const idStructure: Structure = (input) => {
  const id = input.componentId;
  return Promise.resolve([...id.slice(0, 4)].join('/') + `/${id.slice(4)}${input.fileType}`);
};

/**
 * ftrack's standard layout: `<project>/<ancestors…>/<asset>/v<###>/<name><file_type>`, every part
 * lower-cased with non-word characters replaced by `_`. Needs the component's `version_id`; reads
 * the version's number, asset name and the asset's parent link in one query.
 * @example standardStructure → "big_buck_bunny/sq010/sh010/plate/v003/main.exr"
 * // select version, asset.name, asset.parent.link from AssetVersion where id is "…"
 */
export const standardStructure: Structure = async (input) => {
  const versionId = versionIdOf(input.data);
  if (versionId === undefined) {
    throw new LocationError('The standard structure needs the component\'s version: pass `data: { version_id }`.', { cause: { componentId: input.componentId } });
  }
  const [page] = await input.call([selectWhere(FILE_TYPES.assetVersion, ['version', 'asset.name', 'asset.parent.link'], { id: versionId })], input.signal);
  const row = selectRows(page)[0] as
    | { version?: unknown; asset?: { name?: unknown; parent?: { link?: unknown } | null } | null }
    | undefined;
  if (row === undefined) throw new LocationError(`AssetVersion ${versionId} does not exist.`, { cause: { versionId } });
  const link = Array.isArray(row.asset?.parent?.link) ? (row.asset!.parent!.link as { name?: unknown }[]) : [];
  const folders = [...link.map((entry) => String(entry?.name ?? '')), String(row.asset?.name ?? 'asset'), `v${String(row.version ?? 0).padStart(3, '0')}`];
  return [...folders, input.name].map(sanitise).join('/') + input.fileType.toLowerCase();
};

/** Lower case; every run of characters other than letters, digits and `_` becomes `_`. */
export function sanitise(part: string): string {
  return part.toLowerCase().replace(/[^\p{L}\p{N}_]+/gu, '_');
}

function versionIdOf(data: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof data.version_id === 'string') return data.version_id;
  const version = data.version as { id?: unknown } | null | undefined;
  return typeof version?.id === 'string' ? version.id : undefined;
}
