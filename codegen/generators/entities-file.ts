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

/**
 * `entities.d.ts`: one read-shape interface per entity type, in name order. A `$mixin` subtype
 * extends its base and narrows `$type`; a root extends `Entity<…>` with its possible `$type` values.
 * Writable relations accept the `…Ref` inputs of `inputs.d.ts` (imported as types).
 */
export function entitiesFile(model: CodegenModel, heritage: ReadonlyMap<string, Heritage>): SourceFileStructure {
  const used = new Set<string>();
  const refs = new Set<string>();
  const interfaces: Declaration[] = [];
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
    interfaces.push(interfaceOf(type.names.read, [extendsClause], members, entityDocs(type.entity, protectedAttributes(type).map((a) => a.name))));
  }
  const siblings = new Map([...[...refs].map((name): [string, string] => [name, './inputs.js']), ...valueTypeModules(model), ...customAttributeModules(model)]);
  return { path: 'entities.d.ts', statements: [...typeImportsFor([...used, ...refs], siblings), ...interfaces] };
}
