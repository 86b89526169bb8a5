import { SchemaError } from '../../runtime/errors.js';
import type { Declaration, ExportDeclaration, ImportDeclaration, SourceFileStructure } from '../declarations/declarations.js';

/** The file name the single module is reported under (it is written to standard output, not to a path). */
export const SINGLE_MODULE_PATH = 'ftrack.ts';

type LocalDeclaration = Exclude<Declaration, ImportDeclaration | ExportDeclaration>;

/** Where a name a sibling file exports comes from: declared in the merged module, or re-exported from a package. */
type Origin = { readonly kind: 'local' } | { readonly kind: 'package'; readonly from: string };

/**
 * Merges the generated files into the statements of ONE self-contained module: imports between the
 * files are dropped (their names are declared in the same module), package imports are merged into
 * one import per package, re-exports of sibling files are dropped (every declaration is exported where
 * it is declared), and files whose values another file's values use come first (a `const` is
 * initialised before it is read). Deterministic: the same files give the same statements.
 * @example
 * mergeIntoOneModule(files); // [import { Session, … } from 'ftrack-codegen', export interface Appointment …, export const q = …]
 * @throws SchemaError when two files declare the same name, or a declared name is also imported (the
 *   schema's names clash in one module: generate a folder with `--out DIR` instead).
 */
export function mergeIntoOneModule(files: readonly SourceFileStructure[]): Declaration[] {
  const byModule = new Map(files.map((file) => [moduleKey(file.path), file]));
  const sibling = (from: string, site: string): SourceFileStructure => {
    const file = byModule.get(moduleKey(from));
    if (file === undefined) throw new SchemaError(`internal: ${site} imports ${from}, which is not a generated file.`);
    return file;
  };
  const imports = new PackageImports();
  const reExports = new Map<string, ExportDeclaration>();
  const exportedConsts = new Set<string>();
  for (const file of files) {
    for (const statement of file.statements) {
      if (statement.kind === 'import') {
        if (!isRelative(statement.from)) {
          for (const name of statement.names) imports.add(statement.from, name.name, statement.typeOnly || name.typeOnly);
          continue;
        }
        const source = sibling(statement.from, file.path);
        for (const name of statement.names) {
          const origin = originOf(source, name.name, sibling, new Set());
          // a name a sibling re-exports from a package is imported from that package here
          if (origin.kind === 'package') imports.add(origin.from, name.name, statement.typeOnly || name.typeOnly);
        }
      } else if (statement.kind === 'export') {
        if (!isRelative(statement.from)) addReExport(reExports, statement);
        else if (statement.names.length > 0) {
          // a named re-export of a sibling: the name must be exported where it is declared
          const source = sibling(statement.from, file.path);
          for (const name of statement.names) if (originOf(source, name, sibling, new Set()).kind === 'local') exportedConsts.add(name);
        }
      }
    }
  }
  const declarations = orderByValueImports(files, sibling)
    .flatMap((file) => file.statements.filter(isLocal))
    .map((statement) => (statement.kind === 'const' && !statement.exported && exportedConsts.has(statement.name) ? { ...statement, exported: true } : statement));
  const importStatements = imports.declarations();
  const reExportStatements = [...reExports.keys()].sort(compare).map((key) => reExports.get(key)!);
  assertNoClash(declarations, importStatements, reExportStatements);
  return [...importStatements, ...reExportStatements, ...declarations];
}

/** `./entities.js`, `entities.d.ts` and `entities.ts` all name the module `entities`. */
function moduleKey(pathOrSpecifier: string): string {
  return pathOrSpecifier.replace(/^\.\//, '').replace(/(\.d)?\.(ts|js)$/, '');
}

function isRelative(from: string): boolean {
  return from.startsWith('.');
}

function isLocal(statement: Declaration): statement is LocalDeclaration {
  return statement.kind !== 'import' && statement.kind !== 'export';
}

/** Follows a file's declarations and re-exports to where `name` comes from. */
function originOf(
  file: SourceFileStructure,
  name: string,
  sibling: (from: string, site: string) => SourceFileStructure,
  seen: Set<string>,
): Origin {
  if (seen.has(file.path)) throw new SchemaError(`internal: the generated files re-export ${name} in a cycle.`);
  seen.add(file.path);
  if (file.statements.some((statement) => isLocal(statement) && statement.name === name)) return { kind: 'local' };
  for (const statement of file.statements) {
    if (statement.kind !== 'export' || (statement.names.length > 0 && !statement.names.includes(name))) continue;
    if (!isRelative(statement.from)) {
      if (statement.names.length > 0) return { kind: 'package', from: statement.from };
      continue; // `export * from 'package'` cannot be followed here
    }
    const found = tryOrigin(sibling(statement.from, file.path), name, sibling, new Set(seen));
    if (found !== undefined) return found;
  }
  throw new SchemaError(`internal: ${name} is imported from ${file.path}, which neither declares nor re-exports it.`);
}

function tryOrigin(file: SourceFileStructure, name: string, sibling: (from: string, site: string) => SourceFileStructure, seen: Set<string>): Origin | undefined {
  try {
    return originOf(file, name, sibling, seen);
  } catch {
    return undefined;
  }
}

/**
 * The files in their given order, except that a file comes after every sibling it imports values
 * from (type-only imports do not order anything: types have no initialisation order).
 */
function orderByValueImports(files: readonly SourceFileStructure[], sibling: (from: string, site: string) => SourceFileStructure): SourceFileStructure[] {
  const needs = new Map(
    files.map((file) => [
      file.path,
      new Set(
        file.statements
          .filter((s): s is ImportDeclaration => s.kind === 'import' && isRelative(s.from) && !s.typeOnly && s.names.some((n) => !n.typeOnly))
          .map((s) => sibling(s.from, file.path).path),
      ),
    ]),
  );
  const ordered: SourceFileStructure[] = [];
  const placed = new Set<string>();
  while (ordered.length < files.length) {
    const next = files.find((file) => !placed.has(file.path) && [...needs.get(file.path)!].every((path) => placed.has(path)));
    if (next === undefined) throw new SchemaError('internal: the generated files import values from each other in a cycle.');
    ordered.push(next);
    placed.add(next.path);
  }
  return ordered;
}

/** Package imports merged per package: a name is type-only when every file imports it type-only. */
class PackageImports {
  readonly #byPackage = new Map<string, Map<string, boolean>>();

  add(from: string, name: string, typeOnly: boolean): void {
    const names = this.#byPackage.get(from) ?? new Map<string, boolean>();
    names.set(name, (names.get(name) ?? true) && typeOnly);
    this.#byPackage.set(from, names);
  }

  /** One import per package, packages and names sorted. */
  declarations(): ImportDeclaration[] {
    return [...this.#byPackage.keys()].sort(compare).map((from) => {
      const names = this.#byPackage.get(from)!;
      const specifiers = [...names.keys()].sort(compare).map((name) => ({ name, typeOnly: names.get(name)! }));
      return { kind: 'import', from, typeOnly: specifiers.every((s) => s.typeOnly), names: specifiers };
    });
  }
}

/** Re-exports from packages, merged per package and kind (type-only or not). */
function addReExport(reExports: Map<string, ExportDeclaration>, statement: ExportDeclaration): void {
  const key = `${statement.from}\0${statement.typeOnly ? 'type' : 'value'}\0${statement.names.length === 0 ? '*' : 'named'}`;
  const existing = reExports.get(key);
  const names = [...new Set([...(existing?.names ?? []), ...statement.names])].sort(compare);
  reExports.set(key, { ...statement, names });
}

/** Every top-level binding and every exported name must be unique in the module. */
function assertNoClash(declarations: readonly LocalDeclaration[], imports: readonly ImportDeclaration[], reExports: readonly ExportDeclaration[]): void {
  const bindings = new Map<string, string>();
  const exported = new Map<string, string>();
  const clashes: string[] = [];
  const bind = (table: Map<string, string>, name: string, what: string) => {
    const earlier = table.get(name);
    if (earlier !== undefined) clashes.push(`${name} (${earlier} and ${what})`);
    else table.set(name, what);
  };
  for (const statement of imports) for (const name of statement.names) bind(bindings, name.name, `imported from ${statement.from}`);
  for (const statement of declarations) {
    bind(bindings, statement.name, `a declared ${statement.kind}`);
    if (statement.kind !== 'const' || statement.exported) bind(exported, statement.name, `a declared ${statement.kind}`);
  }
  for (const statement of reExports) for (const name of statement.names) bind(exported, name, `re-exported from ${statement.from}`);
  if (clashes.length > 0) {
    throw new SchemaError(
      `The generated files cannot be merged into one module: ${clashes.join(', ')} would clash. Generate a folder with --out DIR instead.`,
      {},
      { cause: { clashes } },
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
