// Declaration structures: what generators produce and the renderer prints. Plain data, no I/O.

/** JSDoc of a declaration: text lines, then `@tag text` lines. */
export interface Docs {
  readonly lines: readonly string[];
  readonly tags?: readonly DocTag[];
}

export interface DocTag {
  readonly tag: string;
  readonly text: string;
}

/**
 * One property of an interface; `name` is the raw (unquoted) property name. With `writeType` it is
 * printed as a getter returning `type` and a setter accepting `writeType` (TypeScript 5.1+).
 */
export interface PropertySignature {
  /** The property name; with `computed`, the expression of a computed key (`[name]`). */
  readonly name: string;
  readonly computed?: boolean;
  readonly type: string;
  readonly writeType?: string;
  readonly readonly: boolean;
  readonly optional: boolean;
  readonly docs?: Docs;
}

export interface InterfaceDeclaration {
  readonly kind: 'interface';
  readonly name: string;
  readonly extends: readonly string[];
  readonly members: readonly PropertySignature[];
  readonly docs?: Docs;
}

export interface TypeAliasDeclaration {
  readonly kind: 'type';
  readonly name: string;
  readonly type: string;
  readonly docs?: Docs;
}

/** An expression: raw code built from quoted pieces, a string literal, or an array literal. */
export type Expression =
  | { readonly kind: 'raw'; readonly code: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'array'; readonly items: readonly Expression[]; readonly multiline: boolean };

export interface ConstDeclaration {
  readonly kind: 'const';
  readonly name: string;
  readonly exported: boolean;
  readonly type?: string;
  readonly initializer: Expression;
  readonly docs?: Docs;
}

export interface Parameter {
  readonly name: string;
  readonly type: string;
  readonly initializer?: string;
}

export interface FunctionDeclaration {
  readonly kind: 'function';
  readonly name: string;
  readonly parameters: readonly Parameter[];
  readonly returnType: string;
  /** Statements of the body, one per line. */
  readonly body: readonly string[];
  readonly docs?: Docs;
}

export interface ImportSpecifier {
  readonly name: string;
  readonly typeOnly: boolean;
}

export interface ImportDeclaration {
  readonly kind: 'import';
  readonly from: string;
  /** `import type { … }` when every specifier is a type. */
  readonly typeOnly: boolean;
  readonly names: readonly ImportSpecifier[];
}

export interface ExportDeclaration {
  readonly kind: 'export';
  readonly from: string;
  readonly typeOnly: boolean;
  /** Named re-exports; empty means `export *`. */
  readonly names: readonly string[];
}

export type Declaration =
  | InterfaceDeclaration
  | TypeAliasDeclaration
  | ConstDeclaration
  | FunctionDeclaration
  | ImportDeclaration
  | ExportDeclaration;

/** One generated file before rendering: a path relative to the output folder and its statements. */
export interface SourceFileStructure {
  readonly path: string;
  readonly statements: readonly Declaration[];
}

/** One rendered file. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}
