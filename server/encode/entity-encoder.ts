import { bareRecord } from '../../runtime/protocol/own-record.js';
import type { Attribute } from '../../runtime/schema/index.js';
import { readScalar } from '../model/relations-computed.js';
import { toWire } from '../model/values.js';
import { keyString, type Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import type { ProjectionTree } from './projection-tree.js';

/** A JSON entity as sent to the client. */
export type EncodedEntity = Record<string, unknown> & { __entity_type__: string };

/**
 * Encodes rows as the real server does (spec 3.3): concrete `__entity_type__`, primary key,
 * system projections and classifier attributes, then the requested projections with related
 * entities embedded. One encoder serves a whole response: in normalised mode an attribute of an
 * entity is sent only at its first occurrence, later occurrences carry just the identity.
 */
export class EntityEncoder {
  private readonly emitted = new Map<string, Set<string>>();

  constructor(private readonly workspace: Workspace, private readonly denormalize: boolean) {}

  encode(row: Row, tree: ProjectionTree): EncodedEntity {
    const type = this.workspace.graph.type(row.type);
    // Null prototype: attribute names such as `__proto__` or `constructor` are plain keys.
    const out = Object.assign(bareRecord(), { __entity_type__: row.type }) as EncodedEntity;
    for (const column of type.primaryKey) out[column] = toWire(scalarOf(type.attributes.get(column)), row.values[column]);
    const seen = this.seenSet(row, type.primaryKey);
    const emit = (name: string, produce: () => unknown): void => {
      if (seen !== undefined) {
        if (seen.has(name)) return;
        seen.add(name);
      }
      out[name] = produce();
    };
    for (const name of type.systemProjections) {
      if (!type.primaryKey.includes(name)) emit(name, () => toWire(scalarOf(type.attributes.get(name)), row.values[name]));
    }
    for (const classifier of type.classifiers) {
      emit(classifier.attribute, () => toWire(scalarOf(type.attributes.get(classifier.attribute)), row.values[classifier.attribute]));
    }
    for (const [name, subtree] of tree) {
      const attribute = type.attributes.get(name);
      if (attribute === undefined || type.primaryKey.includes(name)) continue;
      if (attribute.kind === 'scalar') emit(name, () => toWire(attribute, readScalar(this.workspace, row, attribute)));
      else out[name] = this.relation(row, attribute, subtree);
    }
    return out;
  }

  private relation(row: Row, attribute: Attribute, subtree: ProjectionTree): unknown {
    const link = this.workspace.link(row.type, attribute.name);
    if (link.kind === 'unresolved') return attribute.kind === 'reference' ? null : [];
    if (link.kind === 'reference') {
      const target = this.workspace.referenced(row, link);
      return target === undefined ? null : this.encode(target, subtree);
    }
    if (link.kind !== 'collection') {
      const rows = this.workspace.follow(row, link);
      if (attribute.kind !== 'reference') return rows.map((member) => this.encode(member, subtree));
      return rows.length === 0 ? null : this.encode(rows[0]!, subtree);
    }
    // A mapped array selected without sub-paths still carries each item's key and value.
    const items = attribute.kind === 'mapped' && subtree.size === 0 ? mappedDefaults(attribute) : subtree;
    return this.workspace.members(row, link).map((member) => this.encode(member, items));
  }

  private seenSet(row: Row, primaryKey: readonly string[]): Set<string> | undefined {
    if (this.denormalize) return undefined;
    const identity = `${this.workspace.graph.root(row.type)}\u0001${keyString(primaryKey.map((c) => row.values[c]))}`;
    let seen = this.emitted.get(identity);
    if (seen === undefined) {
      seen = new Set();
      this.emitted.set(identity, seen);
    }
    return seen;
  }
}

function mappedDefaults(attribute: Attribute): ProjectionTree {
  const tree: ProjectionTree = new Map();
  if (attribute.kind !== 'mapped') return tree;
  for (const name of [attribute.keyAttribute, attribute.valueAttribute]) if (name !== undefined) tree.set(name, new Map());
  return tree;
}

function scalarOf(attribute: Attribute | undefined) {
  return attribute?.kind === 'scalar' ? attribute : undefined;
}
