// A type written as a union of members, kept structured so inheritance checks can reason about it.

/** One member of a union type. */
export interface TypeMember {
  /** The member as TypeScript, e.g. `Status`, `Collection<Note>`, `'queued'`, `null`. */
  readonly text: string;
  /** Schema name of the entity interface the member refers to (directly or inside `wrapper`). */
  readonly entity?: string;
  /** Generic wrapper around the entity, e.g. `Collection`. */
  readonly wrapper?: string;
  /** Imported or helper type names the member mentions (entity interfaces excluded). */
  readonly uses?: readonly string[];
  /** Reference-input interfaces (`…Ref`, declared in `inputs.d.ts`) the member mentions. */
  readonly refs?: readonly string[];
}

/** A union type; rendered as its members joined by ` | `. */
export interface TypeExpr {
  readonly members: readonly TypeMember[];
}

export const NULL_MEMBER: TypeMember = { text: 'null' };

/** A one-member type that mentions the helper or imported names `uses`. */
export function namedType(text: string, uses: readonly string[] = []): TypeExpr {
  return { members: [uses.length > 0 ? { text, uses } : { text }] };
}

/** Every helper or imported name a type mentions. */
export function usedNames(type: TypeExpr): string[] {
  return type.members.flatMap((m) => m.uses ?? []);
}

/** Every reference-input interface a type mentions. */
export function usedRefs(type: TypeExpr): string[] {
  return type.members.flatMap((m) => m.refs ?? []);
}

/** `T | null` (unchanged when `T` already has `null`). */
export function nullable(type: TypeExpr): TypeExpr {
  return type.members.some((m) => m.text === 'null') ? type : { members: [...type.members, NULL_MEMBER] };
}

/** `T` without `null`. */
export function nonNull(type: TypeExpr): TypeExpr {
  return { members: type.members.filter((m) => m.text !== 'null') };
}

/** The TypeScript text of a type. */
export function renderType(type: TypeExpr): string {
  if (type.members.length === 0) return 'never';
  return type.members.map((m) => m.text).join(' | ');
}

/** A union of string literal types. */
export function literalUnion(values: readonly string[], quote: (value: string) => string): TypeExpr {
  return { members: values.map((value) => ({ text: quote(value) })) };
}
