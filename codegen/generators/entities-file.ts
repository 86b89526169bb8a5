import type { Declaration, SourceFileStructure } from '../declarations/declarations.js';
import { quoteString } from '../naming/identifiers.js';
import { typeOf, type CodegenModel } from '../model/codegen-model.js';
import { customAttributeModules } from '../model/custom-attributes.js';
import { entityDocs } from '../model/docs.js';
import type { Heritage } from '../model/inheritance.js';
import { protectedAttributes } from '../model/members.js';
import { valueTypeModules } from '../model/workspace-values.js';
import { typeImportsFor } from './imports.js';
import { interfaceOf, namesUsedBy, refsUsedBy } from './shape.js';
import { FILE_TYPES } from '../../runtime/contract/file-types.js';

/**
 * `entities.d.ts`: one read-shape interface per entity type, in name order. A `$mixin` subtype
 * extends its base and narrows `$type`; a root extends `Entity<…>` with its possible `$type` values.
 * Writable relations accept the `…Ref` inputs of `inputs.d.ts` (imported as types). The types of
 * the schema's `Component` family also extend the runtime's `ComponentMembers` (`$url`, `$locations`).
 */
export function entitiesFile(model: CodegenModel, heritage: ReadonlyMap<string, Heritage>): SourceFileStructure {
  const used = new Set<string>();
  const refs = new Set<string>();
  const interfaces: Declaration[] = [];
  const components = componentMembersTypes(model, heritage);
  if (components.size > 0) used.add(COMPONENT_MEMBERS);
  for (const type of model.types.values()) {
    const { base, members } = heritage.get(type.entity.name)!;
    for (const name of namesUsedBy(members)) used.add(name);
    for (const name of refsUsedBy(members)) refs.add(name);
    let extendsClause: string;
    if (base === undefined) {
      used.add('Entity');
      extendsClause = `Entity<${type.typeNames.map(quoteString).join(' | ')}>`;
    } else {
      extendsClause = typeOf(model, base).names.read;
    }
    const heritageClauses = components.has(type.entity.name) ? [extendsClause, COMPONENT_MEMBERS] : [extendsClause];
    interfaces.push(interfaceOf(type.names.read, heritageClauses, members, entityDocs(type.entity, protectedAttributes(type).map((a) => a.name))));
  }
  const siblings = new Map([...[...refs].map((name): [string, string] => [name, './inputs.js']), ...valueTypeModules(model), ...customAttributeModules(model)]);
  return { path: 'entities.d.ts', statements: [...typeImportsFor([...used, ...refs], siblings), ...interfaces] };
}

/** The runtime interface of the members component entities have (runtime/files/component-members.ts). */
const COMPONENT_MEMBERS = 'ComponentMembers';

/**
 * The types whose interface extends `ComponentMembers`: those of the schema's `Component` family
 * (the type `FILE_TYPES.component` names and every `$mixin` descendant) that do not inherit it
 * from their base already (a subtype may stand alone, see `resolveHeritage`).
 */
function componentMembersTypes(model: CodegenModel, heritage: ReadonlyMap<string, Heritage>): ReadonlySet<string> {
  const family = new Set(model.schema.types.get(FILE_TYPES.component)?.family ?? []);
  return new Set([...family].filter((name) => {
    const base = heritage.get(name)?.base;
    return base === undefined || !family.has(base);
  }));
}
