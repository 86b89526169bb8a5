import type { Attribute, CollectionAttribute, MappedAttribute, ReferenceAttribute } from '../../runtime/schema/index.js';
import { LINK_DIRECTIONS } from '../rules/link-directions.js';
import { computedLink } from './relations-computed.js';
import { inferThrough } from './relations-through.js';
import type { CollectionLink, ConfiguredLink, IncomingKey, Link, ReferenceLink } from './relation-types.js';
import type { TypeGraph } from './type-graph.js';

/**
 * Infers how every relation of a schema joins, from metadata only (see server/README.md, "Relation inference").
 *
 * @example
 * relations.link('Task', 'status'); // { kind: 'reference', columns: ['status_id'], targetColumns: ['id'], … }
 */
export class RelationModel {
  private readonly links = new Map<string, Link>();
  private readonly incomingKeys = new Map<string, readonly IncomingKey[]>();

  constructor(readonly graph: TypeGraph) {}

  /** The join of relation attribute `name` of `typeName`. */
  link(typeName: string, name: string): Link {
    const cacheKey = `${typeName}.${name}`;
    let link = this.links.get(cacheKey);
    if (link === undefined) {
      const attribute = this.graph.type(typeName).attributes.get(name);
      if (attribute === undefined || attribute.kind === 'scalar') throw new Error(`internal: ${cacheKey} is not a relation`);
      link = computedLink(this.graph, attribute) ?? (attribute.kind === 'reference' ? this.inferReference(attribute) : this.inferCollection(attribute));
      this.links.set(cacheKey, link);
    }
    return link;
  }

  /** Foreign keys of other rows that point at rows of `typeName` (for delete cascades). */
  incoming(typeName: string): readonly IncomingKey[] {
    let keys = this.incomingKeys.get(typeName);
    if (keys === undefined) {
      keys = this.inferIncoming(typeName);
      this.incomingKeys.set(typeName, keys);
    }
    return keys;
  }

  private inferReference(attribute: ReferenceAttribute): Link {
    const { graph } = this;
    const owner = graph.type(attribute.entityType);
    const base = { kind: 'reference' as const, owner: owner.name, name: attribute.name, target: attribute.target };
    const direct = this.directForeignKey(attribute);
    if (direct !== undefined) {
      const fk = graph.foreignKeyTarget(direct);
      return { ...base, columns: [direct.name], targetColumns: graph.targetColumns(attribute.target, fk?.attribute), synthetic: false };
    }
    // No `<name>_id`: a foreign key of the owner whose target shares the reference's family.
    const family = graph.relationFamily(attribute.target);
    const candidates = graph.scalars(owner.name).filter((scalar) => {
      const fk = graph.foreignKeyTarget(scalar);
      return fk !== undefined && (fk.type === attribute.target || family.has(fk.type) || graph.relationFamily(fk.type).has(attribute.target));
    });
    const exact = candidates.filter((scalar) => graph.foreignKeyTarget(scalar)!.type === attribute.target);
    const unclaimed = candidates.filter((scalar) => !this.isClaimed(owner.name, scalar.name));
    const pick = [exact, unclaimed, candidates].find((list) => list.length === 1)?.[0];
    if (pick !== undefined) {
      const fk = graph.foreignKeyTarget(pick)!;
      return { ...base, columns: [pick.name], targetColumns: graph.targetColumns(attribute.target, fk.attribute), synthetic: false };
    }
    const targetKey = graph.type(attribute.target).primaryKey;
    if (targetKey.length !== 1) {
      return { ...base, kind: 'unresolved', reason: 'no foreign key and the target has a composite primary key' };
    }
    return { ...base, columns: [`@${attribute.name}`], targetColumns: targetKey, synthetic: true };
  }

  /** `<name>_id`, or the scalar whose alias is the reference's alias + `id`. */
  private directForeignKey(attribute: ReferenceAttribute): Attribute | undefined {
    const owner = this.graph.type(attribute.entityType);
    const byName = owner.attributes.get(`${attribute.name}_id`);
    if (byName?.kind === 'scalar') return byName;
    const alias = attribute.aliasFor ?? attribute.name;
    return this.graph.scalars(owner.name).find((s) => s.aliasFor === `${alias}id` || s.aliasFor === `${alias}_id`);
  }

  private isClaimed(typeName: string, column: string): boolean {
    const type = this.graph.type(typeName);
    for (const attribute of type.attributes.values()) {
      if (attribute.kind === 'reference' && this.directForeignKey(attribute)?.name === column) return true;
    }
    return false;
  }

  private inferCollection(attribute: CollectionAttribute | MappedAttribute): Link {
    const { graph } = this;
    const owner = graph.type(attribute.entityType);
    const items = graph.type(attribute.target);
    const base = { owner: owner.name, name: attribute.name, target: items.name };
    const candidates: { column: string; ownerColumns: readonly string[]; breadth: number; hasRef: boolean; typeColumn?: string }[] = [];
    const polymorphic = this.polymorphicPairs(items.name);
    for (const scalar of graph.scalars(items.name)) {
      const fk = graph.foreignKeyTarget(scalar);
      const typeColumn = polymorphic.get(scalar.name);
      if (fk !== undefined && graph.relationFamily(fk.type).has(owner.name)) {
        candidates.push({
          column: scalar.name,
          ownerColumns: graph.targetColumns(owner.name, fk.attribute),
          breadth: graph.relationFamily(fk.type).size,
          hasRef: this.referenceUsing(items.name, scalar.name),
          typeColumn,
        });
      } else if (fk === undefined && typeColumn !== undefined && owner.primaryKey.length === 1) {
        candidates.push({ column: scalar.name, ownerColumns: owner.primaryKey, breadth: Infinity, hasRef: true, typeColumn });
      }
    }
    if (candidates.length === 0) {
      const pair = this.untypedPair(items.name, owner.primaryKey);
      if (pair !== undefined) candidates.push({ column: pair.column, ownerColumns: owner.primaryKey, breadth: Infinity, hasRef: true, typeColumn: pair.typeColumn });
    }
    if (candidates.length === 0 && attribute.kind === 'collection') return inferThrough(graph, attribute);
    const withRef = candidates.filter((c) => c.hasRef);
    const pool = withRef.length > 0 ? withRef : candidates;
    const broadest = Math.max(...pool.map((c) => c.breadth));
    const direction = Object.prototype.hasOwnProperty.call(LINK_DIRECTIONS, attribute.name) ? LINK_DIRECTIONS[attribute.name] : undefined;
    // ftrack's direction, when it names a candidate, wins over the broadest back-link.
    const directed = direction === undefined ? [] : pool.filter((c) => c.column === direction.ownerColumn);
    const best = directed.length === 1 ? directed : pool.filter((c) => c.breadth === broadest);
    if (best.length !== 1) {
      const reason = best.length === 0 ? `${items.name} has no foreign key to ${owner.name}` : `ambiguous back-links ${best.map((c) => c.column).join(', ')}`;
      return { ...base, kind: 'unresolved', reason };
    }
    const chosen = best[0]!;
    const link: CollectionLink = {
      ...base,
      kind: 'collection',
      itemColumns: [chosen.column],
      ownerColumns: chosen.ownerColumns,
      typeColumn: chosen.typeColumn,
      configured: attribute.kind === 'mapped' ? this.configured(attribute, chosen.column) : undefined,
    };
    return link;
  }

  /** `<p>_id` → `<p>_type` (or `<p>_entity_type`) for item scalars whose type column carries a `transform` (schema id). */
  private polymorphicPairs(typeName: string): Map<string, string> {
    const pairs = new Map<string, string>();
    const scalars = this.graph.scalars(typeName);
    for (const scalar of scalars) {
      if (scalar.transform === undefined || !scalar.name.endsWith('_type')) continue;
      const stem = scalar.name.slice(0, -(scalar.name.endsWith('_entity_type') ? '_entity_type' : '_type').length);
      const idName = `${stem}_id`;
      if (scalars.some((s) => s.name === idName)) pairs.set(idName, scalar.name);
    }
    return pairs;
  }

  /**
   * `p_id` + `p_type` on the items without a `transform` and without a foreign key (`StatusChange.parent_id`
   * / `parent_type`): a polymorphic back-link whose type column holds the owner's schema id.
   */
  private untypedPair(typeName: string, ownerKey: readonly string[]): { column: string; typeColumn: string } | undefined {
    if (ownerKey.length !== 1) return undefined;
    const scalars = this.graph.scalars(typeName);
    const pairs = scalars.filter((s) => s.name.endsWith('_id') && this.graph.foreignKeyTarget(s) === undefined && scalars.some((t) => t.name === `${s.name.slice(0, -3)}_type`));
    return pairs.length === 1 ? { column: pairs[0]!.name, typeColumn: `${pairs[0]!.name.slice(0, -3)}_type` } : undefined;
  }

  private referenceUsing(typeName: string, column: string): boolean {
    for (const attribute of this.graph.type(typeName).attributes.values()) {
      if (attribute.kind !== 'reference') continue;
      const link = this.link(typeName, attribute.name);
      if (link.kind === 'reference' && link.columns.length === 1 && link.columns[0] === column) return true;
    }
    return false;
  }

  /** A mapped array whose items are keyed by (back-link, configuration) gets dense configured items. */
  private configured(attribute: MappedAttribute, backLink: string): ConfiguredLink | undefined {
    const { graph } = this;
    const items = graph.type(attribute.target);
    if (attribute.keyAttribute === undefined || attribute.valueAttribute === undefined) return undefined;
    if (items.primaryKey.length !== 2 || !items.primaryKey.includes(backLink)) return undefined;
    const configColumn = items.primaryKey.find((column) => column !== backLink)!;
    const fk = graph.foreignKeyTarget(items.attributes.get(configColumn)!);
    if (fk === undefined || !graph.type(fk.type).attributes.has(attribute.keyAttribute)) return undefined;
    const configKey = graph.targetColumns(fk.type, fk.attribute);
    if (configKey.length !== 1) return undefined;
    return {
      configColumn,
      configType: fk.type,
      configKey: configKey[0]!,
      keyAttribute: attribute.keyAttribute,
      valueAttribute: attribute.valueAttribute,
    };
  }

  private inferIncoming(typeName: string): IncomingKey[] {
    const { graph } = this;
    const keys: IncomingKey[] = [];
    const seen = new Set<string>();
    const add = (source: string, columns: readonly string[], targetColumns: readonly string[], typeColumn: string | undefined, owned: boolean, mapped = false) => {
      const id = `${graph.root(source)}:${columns.join(',')}`;
      if (seen.has(id)) return;
      seen.add(id);
      const type = graph.type(source);
      const required = new Set(type.raw.required ?? []);
      keys.push({
        source,
        columns,
        targetColumns,
        typeColumn,
        required: columns.some((c) => required.has(c) || type.primaryKey.includes(c)),
        inPrimaryKey: columns.some((c) => type.primaryKey.includes(c)),
        systemProjection: columns.every((c) => type.systemProjections.includes(c)),
        owned,
        mapped,
      });
    };
    for (const attribute of graph.type(typeName).attributes.values()) {
      if (attribute.kind !== 'collection' && attribute.kind !== 'mapped') continue;
      const link = this.link(typeName, attribute.name);
      if (link.kind === 'collection') add(link.target, link.itemColumns, link.ownerColumns, link.typeColumn, true, attribute.kind === 'mapped');
    }
    for (const source of graph.model.types.values()) {
      if (source.subtypes.length > 0) continue;
      // Link rows of many-to-many relations go with either end.
      for (const attribute of source.attributes.values()) {
        if (attribute.kind !== 'collection') continue;
        const link = this.link(source.name, attribute.name);
        if (link.kind !== 'through') continue;
        if (graph.relationFamily(link.owner).has(typeName)) add(link.via, link.viaOwnerColumns, link.ownerColumns, undefined, true, true);
        if (graph.relationFamily(link.target).has(typeName)) add(link.via, link.viaTargetColumns, link.targetColumns, undefined, true, true);
      }
      for (const attribute of source.attributes.values()) {
        if (attribute.kind !== 'reference' || !graph.relationFamily(attribute.target).has(typeName)) continue;
        const link = this.link(source.name, attribute.name);
        if (link.kind === 'reference') add(source.name, link.columns, link.targetColumns, undefined, false);
      }
    }
    return keys;
  }
}
