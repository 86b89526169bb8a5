import type { Declaration, SourceFileStructure } from '../declarations/declarations.js';
import type { CodegenModel } from '../model/codegen-model.js';
import { createMembers, refMembers, updateMembers } from '../model/members.js';
import { valueTypeModules } from '../model/workspace-values.js';
import { typeImportsFor } from './imports.js';
import { interfaceOf, namesUsedBy } from './shape.js';

/**
 * `inputs.d.ts`: per entity type the create input, the update input and the reference input
 * (`$type` + primary key, which every entity object and query row satisfies).
 */
export function inputsFile(model: CodegenModel): SourceFileStructure {
  const used = new Set<string>();
  const declarations: Declaration[] = [];
  for (const type of model.types.values()) {
    const name = type.entity.name;
    const ref = refMembers(model, type);
    const create = createMembers(model, type);
    const update = updateMembers(model, type);
    for (const members of [ref, create, update]) for (const used_ of namesUsedBy(members)) used.add(used_);
    declarations.push(
      interfaceOf(type.names.ref, [], ref, {
        lines: [`A reference to an entity of type \`${name}\` in inputs: any object with its \`$type\` and primary key (an entity or a query row).`],
      }),
      interfaceOf(type.names.create, [], create, {
        lines: [
          `Data for \`session.create('${name}', data)\`. Computed attributes are left out; only parts of a composite`,
          'primary key that no server can fill are mandatory, everything else is filled by the server when omitted.',
        ],
      }),
      interfaceOf(type.names.update, [], update, {
        lines: [`Changes to an entity of type \`${name}\`: attributes that may change after creation (no immutable or computed ones).`],
      }),
    );
  }
  return { path: 'inputs.d.ts', statements: [...typeImportsFor(used, valueTypeModules(model)), ...declarations] };
}
