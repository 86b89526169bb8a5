import type { Attribute, RelationAttribute, ScalarAttribute } from '../../runtime/schema/index.js';
import { COMPUTED_ATTRIBUTES, type ClosureRule, type ComputedRule, type LabelPart, type LatestRule, type PathRule } from '../rules/computed-attributes.js';
import { keyString, type Row } from '../store/row.js';
import type { RowGraph } from './row-graph.js';
import type { ComputedLink } from './relation-types.js';
import type { TypeGraph } from './type-graph.js';

function ruleOf(name: string): ComputedRule | undefined {
  return Object.prototype.hasOwnProperty.call(COMPUTED_ATTRIBUTES, name) ? COMPUTED_ATTRIBUTES[name] : undefined;
}

function relationOf(graph: TypeGraph, type: string, name: string): RelationAttribute | undefined {
  const attribute = graph.type(type).attributes.get(name);
  return attribute === undefined || attribute.kind === 'scalar' ? undefined : attribute;
}

/**
 * The computed join of a relation attribute when a rule of the rules table applies to it
 * (`ancestors`, `descendants`, `latest_version`), else undefined.
 *
 * @example
 * computedLink(graph, shotAncestors); // { kind: 'computed', rule: 'ancestors', target: 'TypedContext', … }
 */
export function computedLink(graph: TypeGraph, attribute: RelationAttribute): ComputedLink | undefined {
  const rule = ruleOf(attribute.name);
  if (rule === undefined) return undefined;
  const link: ComputedLink = { kind: 'computed', owner: attribute.entityType, name: attribute.name, target: attribute.target, rule: attribute.name };
  if (rule.kind === 'closure' && attribute.kind === 'collection') {
    return relationOf(graph, attribute.entityType, rule.via) === undefined ? undefined : link;
  }
  if (rule.kind === 'latest' && attribute.kind === 'reference') {
    const collection = relationOf(graph, attribute.entityType, rule.collection);
    if (collection?.kind !== 'collection' || graph.type(collection.target).attributes.get(rule.by)?.kind !== 'scalar') return undefined;
    return link;
  }
  return undefined;
}

/** Rows of a computed relation. */
export function followComputed(workspace: RowGraph, row: Row, link: ComputedLink): Row[] {
  const rule = ruleOf(link.rule);
  if (rule?.kind === 'closure') return closure(workspace, row, rule, link.target);
  if (rule?.kind === 'latest') {
    const latest = latestOf(workspace, row, rule);
    return latest === undefined ? [] : [latest];
  }
  return [];
}

/** Rows of relation `name` of `row` (empty when its type has no such relation). */
function related(workspace: RowGraph, row: Row, name: string): Row[] {
  const attribute = relationOf(workspace.graph, row.type, name);
  return attribute === undefined ? [] : workspace.follow(row, workspace.link(row.type, name));
}

function closure(workspace: RowGraph, row: Row, rule: ClosureRule, target: string): Row[] {
  const family = workspace.graph.relationFamily(target);
  const seen = new Set<Row>([row]);
  const out: Row[] = [];
  let frontier = [row];
  while (frontier.length > 0) {
    const next: Row[] = [];
    for (const current of frontier) {
      for (const reached of related(workspace, current, rule.via)) {
        if (seen.has(reached)) continue;
        seen.add(reached);
        next.push(reached);
        if (family.has(reached.type)) out.push(reached);
      }
    }
    frontier = next;
  }
  return rule.order === 'root-first' ? out.reverse() : out.sort((a, b) => a.seq - b.seq);
}

function latestOf(workspace: RowGraph, row: Row, rule: LatestRule): Row | undefined {
  let best: Row | undefined;
  for (const member of related(workspace, row, rule.collection)) {
    if (best === undefined || compareBy(member.values[rule.by], best.values[rule.by]) >= 0) best = member;
  }
  return best;
}

/** Orders values with null lowest; ties (0) let the newer row win. */
function compareBy(a: unknown, b: unknown): number {
  if (a == null) return b == null ? 0 : -1;
  if (b == null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

type ScalarReader = (workspace: RowGraph, row: Row) => unknown;
const readers = new WeakMap<Attribute, ScalarReader | null>();

/**
 * The value of a scalar attribute of `row`: the rule's result for computed attributes
 * (`link`, `is_latest_version`, `time_logged`), else the stored value.
 *
 * @example
 * readScalar(workspace, shotRow, linkAttribute); // [{id, name: 'demo', type: 'Project'}, …, {name: 'sh010', type: 'TypedContext'}]
 */
export function readScalar(workspace: RowGraph, row: Row, attribute: ScalarAttribute): unknown {
  let reader = readers.get(attribute);
  if (reader === undefined) {
    reader = scalarReader(workspace.graph, attribute) ?? null;
    readers.set(attribute, reader);
  }
  return reader === null ? row.values[attribute.name] : reader(workspace, row);
}

/** A getter for one attribute on many rows: the stored value unless a rule computes it. */
export function scalarGetter(workspace: RowGraph, attribute: ScalarAttribute): (row: Row) => unknown {
  const name = attribute.name;
  if (ruleOf(name) === undefined) return (row) => row.values[name];
  return (row) => {
    const own = workspace.graph.type(row.type).attributes.get(name);
    return own?.kind === 'scalar' ? readScalar(workspace, row, own) : row.values[name];
  };
}

/** A reader for `attribute` when a scalar rule applies to its type. */
function scalarReader(graph: TypeGraph, attribute: ScalarAttribute): ScalarReader | undefined {
  const rule = ruleOf(attribute.name);
  const owner = attribute.entityType;
  if (rule !== undefined && 'whenComputed' in rule && rule.whenComputed === true && !attribute.computed) return undefined;
  switch (rule?.kind) {
    case 'path':
      return rule.via.some((name) => relationOf(graph, owner, name)?.kind === 'reference') ? (ws, row) => pathOf(ws, row, rule, attribute.name) : undefined;
    case 'is-latest': {
      const reference = relationOf(graph, owner, rule.reference);
      if (reference?.kind !== 'reference' || relationOf(graph, reference.target, rule.latest)?.kind !== 'reference') return undefined;
      return (ws, row) => {
        const holder = related(ws, row, rule.reference)[0];
        return holder === undefined ? false : related(ws, holder, rule.latest)[0] === row;
      };
    }
    case 'sum': {
      const collection = relationOf(graph, owner, rule.collection);
      if (collection === undefined || graph.type(collection.target).attributes.get(rule.attribute)?.kind !== 'scalar') return undefined;
      return (ws, row) => {
        let total = 0;
        for (const context of [row, ...related(ws, row, rule.closure)]) {
          for (const item of related(ws, context, rule.collection)) {
            const value = item.values[rule.attribute];
            if (typeof value === 'number') total += value;
          }
        }
        return total;
      };
    }
    case 'difference': {
      const type = graph.type(owner);
      const minuend = type.attributes.get(rule.minuend);
      const subtrahend = type.attributes.get(rule.subtrahend);
      if (minuend?.kind !== 'scalar' || subtrahend?.kind !== 'scalar') return undefined;
      return (ws, row) => numberOf(readScalar(ws, row, minuend)) - numberOf(readScalar(ws, row, subtrahend));
    }
    case 'nearest': {
      const type = graph.type(owner);
      if (type.attributes.get(rule.attribute)?.kind !== 'scalar' || relationOf(graph, owner, rule.via)?.kind !== 'reference') return undefined;
      return (ws, row) => {
        const seen = new Set<Row>();
        let current: Row | undefined = row;
        while (current !== undefined && !seen.has(current)) {
          seen.add(current);
          if (current.values[rule.attribute] != null) return identityOf(ws, current);
          current = related(ws, current, rule.via)[0];
        }
        return null;
      };
    }
    case 'open': {
      const end = graph.type(owner).attributes.get(rule.end);
      if (end?.kind !== 'scalar' || !end.isDateTime) return undefined;
      // Stored date-times are naive UTC `YYYY-MM-DDTHH:MM:SS[.ffffff]`: they compare as text.
      return (_ws, row) => {
        const value = row.values[rule.end];
        return typeof value !== 'string' || value > new Date().toISOString().slice(0, 19);
      };
    }
    default:
      return undefined;
  }
}

function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** `[{id, name, type}]` from the root down to `row`, over the rows whose type declares `name`. */
function pathOf(workspace: RowGraph, row: Row, rule: PathRule, name: string): unknown[] {
  const chain: Row[] = [];
  const seen = new Set<Row>();
  let current: Row | undefined = row;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const type = workspace.graph.type(current.type);
    if (type.attributes.has(name)) chain.push(current);
    const via = rule.via.find((candidate) => relationOf(workspace.graph, current!.type, candidate)?.kind === 'reference');
    current = via === undefined ? undefined : related(workspace, current, via)[0];
  }
  return chain.reverse().map((entry) => ({ id: identityOf(workspace, entry), name: labelOf(workspace, entry, rule), type: linkTypeOf(workspace, entry) }));
}

function identityOf(workspace: RowGraph, row: Row): unknown {
  const key = workspace.graph.type(row.type).primaryKey;
  return key.length === 1 ? row.values[key[0]!] : keyString(key.map((c) => row.values[c]));
}

/** Schema id shown in a link item: a classifier subtype shows its base (`Shot` → `TypedContext`). */
function linkTypeOf(workspace: RowGraph, row: Row): string {
  const type = workspace.graph.type(row.type);
  return type.classifiers.length > 0 && type.base !== undefined ? type.base : type.name;
}

function labelOf(workspace: RowGraph, row: Row, rule: PathRule): string {
  for (const label of rule.labels) {
    const parts: string[] = [];
    let complete = true;
    for (const part of label) {
      if ('text' in part) parts.push(part.text);
      else {
        const value = valueAt(workspace, row, part);
        if (value === undefined) {
          complete = false;
          break;
        }
        parts.push(value === null ? '' : String(value));
      }
    }
    if (complete) return parts.join('');
  }
  return '';
}

/** The value at `part.path` (references only), null through a missing row, undefined when the schema lacks the path. */
function valueAt(workspace: RowGraph, row: Row, part: Extract<LabelPart, { path: string }>): unknown {
  const segments = part.path.split('.');
  let current: Row | undefined = row;
  for (let i = 0; i < segments.length; i++) {
    if (current === undefined) return null;
    const attribute = workspace.graph.type(current.type).attributes.get(segments[i]!);
    if (attribute === undefined) return undefined;
    if (i === segments.length - 1) return attribute.kind === 'scalar' ? (current.values[attribute.name] ?? null) : undefined;
    if (attribute.kind !== 'reference') return undefined;
    current = related(workspace, current, attribute.name)[0];
  }
  return undefined;
}
