import type { ImportDeclaration } from '../declarations/declarations.js';
import { HELPER_TYPES } from '../model/names.js';

/** Where each helper or imported type name comes from. */
const MODULE_OF: Readonly<Record<string, string>> = {
  Entity: 'ftrack-codegen',
  attributeNames: 'ftrack-codegen',
  Collection: 'ftrack-codegen',
  KeyValueMap: 'ftrack-codegen',
  CustomAttributeMap: 'ftrack-codegen',
  CustomAttributeMetadata: 'ftrack-codegen',
  SchemaMetadata: 'ftrack-codegen',
  ComponentMembers: 'ftrack-codegen',
  // re-exported by the runtime: generated code imports only `ftrack-codegen` (pnpm, Yarn PnP)
  Dayjs: 'ftrack-codegen',
  [HELPER_TYPES.json]: './scalars.js',
  [HELPER_TYPES.variable]: './scalars.js',
  [HELPER_TYPES.dateTimeInput]: './scalars.js',
  [HELPER_TYPES.linkEntry]: './scalars.js',
};

/**
 * `import type` declarations for the helper names a file uses: packages first, then siblings,
 * names sorted. `siblings` maps further names (e.g. `ContextRef`) to the sibling file declaring them.
 */
export function typeImportsFor(used: Iterable<string>, siblings: ReadonlyMap<string, string> = new Map()): ImportDeclaration[] {
  const byModule = new Map<string, Set<string>>();
  for (const name of used) {
    const from = MODULE_OF[name] ?? siblings.get(name);
    if (from === undefined) throw new Error(`internal: no module known for "${name}"`);
    const names = byModule.get(from) ?? new Set<string>();
    names.add(name);
    byModule.set(from, names);
  }
  return [...byModule.keys()]
    .sort(compareModules)
    .map((from) => typeImport(from, [...byModule.get(from)!]));
}

/** `import type { …names } from 'from'`, names sorted. */
export function typeImport(from: string, names: readonly string[]): ImportDeclaration {
  return { kind: 'import', from, typeOnly: true, names: [...names].sort(compare).map((name) => ({ name, typeOnly: true })) };
}

function compareModules(a: string, b: string): number {
  const relative = Number(a.startsWith('.')) - Number(b.startsWith('.'));
  return relative !== 0 ? relative : compare(a, b);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
