import type { InterfaceDeclaration, PropertySignature } from '../declarations/declarations.js';
import type { Member } from '../model/members.js';
import { renderType, usedNames, usedRefs } from '../model/type-expr.js';

/** A property signature from a member. */
export function propertyOf(member: Member): PropertySignature {
  const docs = member.docs.lines.length > 0 || (member.docs.tags ?? []).length > 0 ? member.docs : undefined;
  const writeType = member.writeType !== undefined ? { writeType: renderType(member.writeType) } : {};
  const computed = member.computed === true ? { computed: true } : {};
  return { name: member.name, ...computed, type: renderType(member.type), ...writeType, readonly: member.readonly, optional: member.optional, ...(docs ? { docs } : {}) };
}

/** Helper names used by the members of some interfaces. */
export function namesUsedBy(members: Iterable<Member>): Set<string> {
  const used = new Set<string>();
  for (const member of members) {
    if (member.computed === true) used.add(member.name);
    for (const name of usedNames(member.type)) used.add(name);
    if (member.writeType !== undefined) for (const name of usedNames(member.writeType)) used.add(name);
  }
  return used;
}

/** Reference-input interfaces (`…Ref`) mentioned by the members of some interfaces. */
export function refsUsedBy(members: Iterable<Member>): Set<string> {
  const refs = new Set<string>();
  for (const member of members) {
    for (const name of usedRefs(member.type)) refs.add(name);
    if (member.writeType !== undefined) for (const name of usedRefs(member.writeType)) refs.add(name);
  }
  return refs;
}

/** An exported interface from members. */
export function interfaceOf(name: string, heritage: readonly string[], members: readonly Member[], docs?: InterfaceDeclaration['docs']): InterfaceDeclaration {
  return { kind: 'interface', name, extends: heritage, members: members.map(propertyOf), ...(docs ? { docs } : {}) };
}
