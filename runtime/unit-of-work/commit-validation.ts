import type { ValidationProblem } from '../errors.js';
import type { EntityTypeModel, SchemaModel } from '../schema/model.js';
import { entityLabel, type BaseEntity } from '../entity/base-entity.js';
import { referencedEntities } from './commit-order.js';
import { primaryKeyOf, type PlannedOperation } from './commit-plan.js';
import { RUNTIME, STATE } from '../entity/entity-internals.js';
import { foreignKeyContradictions } from '../entity/foreign-key-sync.js';
import { localValue } from '../entity/slots.js';
import type { UnitOfWork } from './unit-of-work.js';
import { valueProblem } from '../entity/value-check.js';

/**
 * Checks a planned commit against the schema before anything is sent: creates of abstract types,
 * changes of immutable or computed attributes, values of the wrong type, references to deleted
 * entities, a reference and its foreign key set to contradictory values (`parent` one entity,
 * `parent_id` another), and the unknown attributes `create()` was given. All problems are returned together.
 */
export function validatePlan(plan: readonly PlannedOperation[], uow: UnitOfWork, options: { readonly resendUnchecked?: boolean | undefined } = {}): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const report = (entity: BaseEntity, message: string, attribute?: string) =>
    problems.push({ entityType: entity.$type, primaryKey: primaryKeyOf(entity).map((v) => v ?? '?'), ...(attribute ? { attribute } : {}), message });
  for (const planned of plan) {
    const { entity } = planned;
    const model = entity[RUNTIME].model;
    // Reconcile looks creates up by primary key; without one, sending it again could duplicate it.
    if (planned.kind === 'create' && options.resendUnchecked !== true && uow.outcomeUnknown.has(entity) && primaryKeyOf(entity).includes(null)) {
      report(
        entity,
        'was sent in a commit of unknown outcome and has no primary key to look it up by, so the server may already have created it. ' +
          'Check the server, then rollback() if it was created, or commit({ resendUnchecked: true }) to send it again.',
      );
    }
    if (planned.kind === 'create' && isClassifiedBase(uow.schema, model)) {
      report(entity, `${model.name} is abstract and cannot be created; create one of ${model.subtypes.join(', ')}.`);
    }
    for (const attribute of planned.attributes) {
      const value = localValue(entity, attribute);
      const name = attribute.name;
      if (attribute.model.computed) report(entity, 'is computed by the server and cannot be set.', name);
      else if (attribute.model.restricted) report(entity, 'can only be used in a where clause; it cannot be set.', name);
      else if (attribute.model.immutable && planned.kind === 'update') report(entity, 'is immutable and cannot be changed once the entity exists.', name);
      const problem = valueProblem(uow.schema, attribute, value);
      if (problem !== undefined) report(entity, `${problem}.`, name);
      for (const target of referencedEntities(value)) {
        if (target[STATE] === 'deleted') report(entity, `refers to ${entityLabel(target)}, which is deleted.`, name);
      }
    }
    for (const { attribute, message } of foreignKeyContradictions(uow.schema, entity, planned.attributes)) report(entity, message, attribute);
  }
  for (const [entity, list] of uow.inputProblems) for (const { attribute, message } of list) report(entity, message, attribute);
  return problems;
}

/**
 * A base type whose subtypes are told apart by classifiers (`TypedContext` → `Task`, `Shot`, …) has
 * no row of its own, so creating it is refused before sending. Other base types with subtypes
 * (`ContainerComponent`, `NoteLabel`) are left to the server, which knows its own discriminators.
 */
function isClassifiedBase(schema: SchemaModel, model: EntityTypeModel): boolean {
  return model.subtypes.some((name) => (schema.types.get(name)?.classifiers.length ?? 0) > 0);
}
