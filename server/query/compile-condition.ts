import { apiError } from '../api/api-error.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import type { Condition, PathRef, SubQuery } from './ast.js';
import { coerceLiteral, compileComparison, membershipKey, type ValueTest } from './compare.js';
import { resolvePath, someValue, walk, type ResolvedPath } from './resolve-path.js';
import { checkEntityType } from './check-type.js';
import { scalarGetter } from '../model/relations-computed.js';
import { normaliseDateTime } from '../model/values.js';

/** A compiled `where` condition. */
export type RowPredicate = (row: Row) => boolean;

/**
 * Compiles a condition against `typeName` (checking every path and value against the schema)
 * into a predicate. Comparisons through collections are existential, each on its own.
 */
export function compileCondition(workspace: Workspace, typeName: string, condition: Condition): RowPredicate {
  switch (condition.kind) {
    case 'and': {
      const parts = condition.items.map((item) => compileCondition(workspace, typeName, item));
      return (row) => parts.every((part) => part(row));
    }
    case 'or': {
      const parts = condition.items.map((item) => compileCondition(workspace, typeName, item));
      return (row) => parts.some((part) => part(row));
    }
    case 'not': {
      const inner = compileCondition(workspace, typeName, condition.operand);
      return (row) => !inner(row);
    }
    case 'compare': {
      const resolved = resolvePath(workspace, typeName, condition.target, 'filter');
      const operand = coerceLiteral(resolved.last, condition.value, condition.target.path.join('.'));
      return valueTest(workspace, resolved, compileComparison(condition.operator, operand));
    }
    case 'in': {
      const resolved = resolvePath(workspace, typeName, condition.target, 'filter');
      const shown = condition.target.path.join('.');
      const keys = new Set<string>();
      for (const literal of condition.values) {
        const operand = coerceLiteral(resolved.last, literal, shown);
        const key = operand.kind === 'null' ? undefined : membershipKey(operand.value);
        if (key !== undefined) keys.add(key);
        // A `variable` value (custom attributes) may hold a datetime: a datetime text names it too.
        const moment = resolved.last.kind === 'scalar' && resolved.last.type === 'variable' && literal.kind === 'string' ? normaliseDateTime(literal.value) : undefined;
        if (moment !== undefined) keys.add(membershipKey({ __type__: 'datetime', value: moment })!);
      }
      return membership(workspace, resolved, () => keys, condition.negated);
    }
    case 'in_query': {
      const resolved = resolvePath(workspace, typeName, condition.target, 'filter');
      const keys = subQueryKeys(workspace, condition.query);
      return membership(workspace, resolved, keys, condition.negated);
    }
    case 'has':
    case 'any':
      return relationTest(workspace, typeName, condition.target, condition.body);
  }
}

function valueTest(workspace: Workspace, resolved: ResolvedPath, test: ValueTest): RowPredicate {
  const last = resolved.last;
  if (last.kind === 'scalar') {
    const read = scalarGetter(workspace, last);
    if (resolved.steps.length === 0) return (row) => test(read(row));
    return (row) => someValue(workspace, row, resolved.steps, read, test);
  }
  // Comparing a relation itself: only `is None` / `is_not None` make sense.
  const link = resolved.lastLink!;
  return (row) =>
    walk(workspace, row, resolved.steps, 0, (end) => {
      const related = end === undefined ? [] : workspace.follow(end, link);
      return test(related.length === 0 ? null : related[0]);
    });
}

function membership(workspace: Workspace, resolved: ResolvedPath, keys: () => ReadonlySet<string>, negated: boolean): RowPredicate {
  if (resolved.last.kind !== 'scalar') {
    throw apiError('ValidationError', `"in" needs a plain attribute, but ${resolved.last.entityType}.${resolved.last.name} is a relation.`, 'invalid_path');
  }
  const read = scalarGetter(workspace, resolved.last);
  return (row) => {
    const set = keys();
    return someValue(workspace, row, resolved.steps, read, (value) => {
      // A list value (an enumerator's selection) is in the set when one of its options is.
      if (Array.isArray(value)) return value.some((option) => set.has(membershipKey(option) ?? '')) !== negated;
      const key = membershipKey(value);
      if (key === undefined) return false;
      return set.has(key) !== negated;
    });
  };
}

/** Values of a subquery's single projection, computed once on first use. */
function subQueryKeys(workspace: Workspace, query: SubQuery): () => ReadonlySet<string> {
  checkEntityType(workspace, query.entityType, query.typePosition);
  const resolved = resolvePath(workspace, query.entityType, query.projection, 'select');
  if (resolved.last.kind !== 'scalar') {
    throw apiError('ValidationError', `A subquery must select a plain attribute; "${query.projection.path.join('.')}" is a relation.`, 'invalid_path');
  }
  const predicate = query.where === undefined ? () => true : compileCondition(workspace, query.entityType, query.where);
  const read = scalarGetter(workspace, resolved.last);
  let keys: Set<string> | undefined;
  return () => {
    if (keys === undefined) {
      keys = new Set();
      const found = keys;
      for (const row of workspace.rowsOf(query.entityType)) {
        if (!predicate(row)) continue;
        someValue(workspace, row, resolved.steps, read, (value) => {
          const key = membershipKey(value);
          if (key !== undefined) found.add(key);
          return false;
        });
      }
    }
    return keys;
  };
}

/** `path has (…)` / `path any (…)`: some related row exists and satisfies the body. */
function relationTest(workspace: Workspace, typeName: string, target: PathRef, body: Condition | undefined): RowPredicate {
  const resolved = resolvePath(workspace, typeName, target, 'filter');
  const link = resolved.lastLink;
  if (link === undefined || resolved.last.kind === 'scalar') {
    throw apiError('ValidationError', `"has"/"any" need a relation, but ${resolved.lastOwner}.${resolved.last.name} is a plain attribute.`, 'invalid_path');
  }
  const inner = body === undefined ? () => true : compileCondition(workspace, resolved.last.target, body);
  return (row) =>
    walk(workspace, row, resolved.steps, 0, (end) => end !== undefined && workspace.follow(end, link).some((related) => inner(related)));
}
