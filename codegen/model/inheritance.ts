import type { CodegenModel } from './codegen-model.js';
import { ATTRIBUTE_NAMES_KEY, readMembers, type Member } from './members.js';
import { renderType, type TypeExpr } from './type-expr.js';

/** How a read shape is declared: the interface it extends (schema name) and the members it declares itself. */
export interface Heritage {
  /** The `$mixin` base it extends, or undefined for `extends Entity<…>`. */
  readonly base: string | undefined;
  /** All members when there is no base; otherwise only those that differ from the base. */
  readonly members: readonly Member[];
}

/**
 * Decides the `extends` clause of every read shape. Schemas are flattened (a subtype repeats
 * its base's attributes), so a subtype extends its `$mixin` base and declares only what differs,
 * as long as its members are assignable to the base's; otherwise it stands alone on `Entity<…>`.
 * Repeats until no decision changes, since a decision can affect the assignability of references.
 */
export function resolveHeritage(model: CodegenModel): ReadonlyMap<string, Heritage> {
  const full = new Map<string, Map<string, Member>>();
  for (const type of model.types.values()) {
    full.set(type.entity.name, new Map(readMembers(model, type).map((m) => [memberKey(m), m])));
  }
  const bases = new Map<string, string | undefined>();
  for (const type of model.types.values()) bases.set(type.entity.name, type.entity.base);
  const isSubtype = (name: string, ancestor: string): boolean => {
    for (let current: string | undefined = name; current !== undefined; current = bases.get(current)) {
      if (current === ancestor) return true;
    }
    return false;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, base] of bases) {
      if (base === undefined) continue;
      if (!membersAssignable(full.get(name)!, full.get(base)!, isSubtype)) {
        bases.set(name, undefined);
        changed = true;
      }
    }
  }
  const result = new Map<string, Heritage>();
  for (const type of model.types.values()) {
    const name = type.entity.name;
    const own = full.get(name)!;
    const base = bases.get(name);
    if (base === undefined) {
      result.set(name, { base, members: [...own.values()].filter((m) => m.name !== '$type') });
      continue;
    }
    const inherited = full.get(base)!;
    result.set(name, { base, members: [...own.values()].filter((m) => !sameMember(m, inherited.get(memberKey(m)))) });
  }
  return result;
}

type SubtypeCheck = (name: string, ancestor: string) => boolean;

/** A member's identity in a shape: computed keys (`[attributeNames]`) never meet attribute names. */
function memberKey(member: Member): string {
  return member.computed === true ? `[${member.name}]` : member.name;
}

function membersAssignable(sub: ReadonlyMap<string, Member>, base: ReadonlyMap<string, Member>, isSubtype: SubtypeCheck): boolean {
  for (const member of base.values()) {
    // the attribute-name list of a subtype has the base's names and more: assignable when the rest is
    if (member.computed === true && member.name === ATTRIBUTE_NAMES_KEY) continue;
    const own = sub.get(memberKey(member));
    if (own === undefined) return false;
    if (own.optional && !member.optional) return false;
    if (!typeAssignable(own.type, member.type, isSubtype)) return false;
  }
  return true;
}

/** Each member of `sub` appears in `base`, or refers to a subtype of an entity member with the same wrapper. */
function typeAssignable(sub: TypeExpr, base: TypeExpr, isSubtype: SubtypeCheck): boolean {
  return sub.members.every((member) =>
    base.members.some(
      (candidate) =>
        candidate.text === member.text ||
        (member.entity !== undefined &&
          candidate.entity !== undefined &&
          candidate.wrapper === member.wrapper &&
          isSubtype(member.entity, candidate.entity)),
    ),
  );
}

function sameMember(member: Member, other: Member | undefined): boolean {
  if (other === undefined) return false;
  return (
    renderType(member.type) === renderType(other.type) &&
    writeText(member) === writeText(other) &&
    member.readonly === other.readonly &&
    member.optional === other.optional &&
    JSON.stringify(member.docs) === JSON.stringify(other.docs)
  );
}

function writeText(member: Member): string | undefined {
  return member.writeType === undefined ? undefined : renderType(member.writeType);
}
