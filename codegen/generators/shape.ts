import type { InterfaceDeclaration, PropertySignature } from '../declarations/declarations.js';
import type { Member } from '../model/members.js';
import { renderType, usedNames } from '../model/type-expr.js';

/** A property signature from a member. */
export function propertyOf(member: Member): PropertySignature {
  const docs = member.docs.lines.length > 0 || (member.docs.tags ?? []).length > 0 ? member.docs : undefined;
  return { name: member.name, type: renderType(member.type), readonly: member.readonly, optional: member.optional, ...(docs ? { docs } : {}) };
}

/** Helper names used by the members of some interfaces. */
export function namesUsedBy(members: Iterable<Member>): Set<string> {
  const used = new Set<string>();
  for (const member of members) for (const name of usedNames(member.type)) used.add(name);
  return used;
}

/** An exported interface from members. */
export function interfaceOf(name: string, heritage: readonly string[], members: readonly Member[], docs?: InterfaceDeclaration['docs']): InterfaceDeclaration {
  return { kind: 'interface', name, extends: heritage, members: members.map(propertyOf), ...(docs ? { docs } : {}) };
}
