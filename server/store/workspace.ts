import { parseSchemas, storageName, type SchemaModel } from '../../runtime/schema/index.js';
import type { CollectionLink, ConfiguredLink, Link, ReferenceLink } from '../model/relation-types.js';
import { RelationModel } from '../model/relations.js';
import { followOther } from '../model/relations-follow.js';
import { TypeGraph } from '../model/type-graph.js';
import { keyString, rowKey, type Row } from './row.js';
import { Store } from './store.js';
import { CUSTOM_ATTRIBUTE_SCOPE } from '../rules/custom-attribute-rules.js';

/**
 * A schema with its rows: the state one local server serves. Navigation follows the relation
 * model, so every join is an index lookup (primary key or foreign-key index), never a scan.
 */
export class Workspace {
  readonly model: SchemaModel;
  readonly graph: TypeGraph;
  readonly relations: RelationModel;
  readonly store: Store;

  /** `model`: the schema already parsed (read-only, so one model can serve several workspaces). */
  constructor(
    readonly schema: readonly unknown[],
    model?: SchemaModel,
  ) {
    this.model = model ?? parseSchemas(schema);
    this.graph = new TypeGraph(this.model);
    this.relations = new RelationModel(this.graph);
    this.store = new Store(this.graph);
  }

  link(type: string, attribute: string): Link {
    return this.relations.link(type, attribute);
  }

  /** Every row `from <type>` can return (concrete family members), in creation order per type. */
  *rowsOf(type: string): Iterable<Row> {
    for (const member of this.graph.queryFamily(type)) yield* this.store.rowsOfType(member);
  }

  /** The row a reference points at, or undefined. */
  referenced(row: Row, link: ReferenceLink): Row | undefined {
    const key = rowKey(row, link.columns);
    if (key === undefined) return undefined;
    const target = link.target;
    const root = this.graph.root(target);
    const targetPk = this.graph.type(target).primaryKey;
    if (sameColumns(link.targetColumns, targetPk)) return this.store.get(this.graph.relationFamily(target), root, link.columns.map((c) => row.values[c]));
    for (const candidate of this.store.find(root, link.targetColumns, key)) {
      if (this.graph.relationFamily(target).has(candidate.type)) return candidate;
    }
    return undefined;
  }

  /** Members of a collection or mapped array (dense for configured mapped arrays). */
  members(row: Row, link: CollectionLink): Row[] {
    const key = rowKey(row, link.ownerColumns);
    if (key === undefined) return [];
    const family = this.graph.relationFamily(link.target);
    const typeFamily = link.typeColumn === undefined ? undefined : this.graph.relationFamily(this.graph.root(row.type));
    const out: Row[] = [];
    for (const member of this.store.find(this.graph.root(link.target), link.itemColumns, key)) {
      if (!family.has(member.type)) continue;
      const tag = link.typeColumn === undefined ? undefined : member.values[link.typeColumn];
      if (typeFamily !== undefined && typeof tag === 'string' && this.model.types.has(tag) && !typeFamily.has(tag)) continue;
      out.push(member);
    }
    if (link.configured !== undefined) return this.denseItems(row, link, link.configured, out);
    return out.length > 1 ? out.sort((a, b) => a.seq - b.seq) : out;
  }

  /** Rows of a relation, whatever its kind. */
  follow(row: Row, link: Link): Row[] {
    if (link.kind === 'reference') {
      const target = this.referenced(row, link);
      return target === undefined ? [] : [target];
    }
    if (link.kind === 'collection') return this.members(row, link);
    return link.kind === 'unresolved' ? [] : followOther(this, row, link);
  }

  /**
   * Configuration rows that apply to `owner`, by ftrack's rule (`server/rules/custom-attribute-rules.ts`):
   * its table, object type and project, plus hierarchical configurations on the tables that take them.
   */
  configurationsFor(owner: Row, configured: ConfiguredLink): Row[] {
    const scope = CUSTOM_ATTRIBUTE_SCOPE;
    const ownerType = this.graph.type(owner.type);
    const configType = this.graph.type(configured.configType);
    const has = (name: string) => configType.attributes.get(name)?.kind === 'scalar';
    const ownerValue = (name: string) => (ownerType.attributes.has(name) ? (owner.values[name] ?? null) : null);
    const table = storageName(ownerType).toLowerCase();
    const project = ownerValue(scope.ownerProjectColumn);
    const objectType = ownerValue(scope.ownerObjectTypeColumn);
    const takesHierarchical = scope.hierarchicalTables.includes(table);
    const emptyOr = (config: Row, column: string, expected: unknown) => !has(column) || config.values[column] == null || config.values[column] === expected;
    const out: Row[] = [];
    for (const config of this.rowsOf(configType.name)) {
      if (!emptyOr(config, scope.projectColumn, project)) continue;
      const own = emptyOr(config, scope.entityTypeColumn, table) && emptyOr(config, scope.objectTypeColumn, objectType);
      const hierarchical = takesHierarchical && has(scope.hierarchicalColumn) && config.values[scope.hierarchicalColumn] === true;
      if (own || hierarchical) out.push(config);
    }
    return out;
  }

  private denseItems(owner: Row, link: CollectionLink, configured: ConfiguredLink, stored: Row[]): Row[] {
    const byConfig = new Map(stored.map((item) => [String(item.values[configured.configColumn]), item]));
    const ownerKey = link.ownerColumns.map((c) => owner.values[c]);
    const defaults = this.graph.type(configured.configType).attributes.has('default');
    return this.configurationsFor(owner, configured).map((config) => {
      const id = config.values[configured.configKey];
      const item = byConfig.get(String(id));
      if (item !== undefined) {
        if (item.values[configured.keyAttribute] == null) item.values[configured.keyAttribute] = config.values[configured.keyAttribute];
        return item;
      }
      const values: Record<string, unknown> = {
        [configured.configColumn]: id,
        [link.itemColumns[0]!]: ownerKey[0],
        [configured.keyAttribute]: config.values[configured.keyAttribute] ?? null,
        [configured.valueAttribute]: defaults ? (config.values.default ?? null) : null,
      };
      return { type: this.concreteOf(link.target), values, seq: -1 };
    });
  }

  private concreteOf(type: string): string {
    const model = this.graph.type(type);
    return model.subtypes.length === 0 ? type : (model.family.find((t) => this.graph.type(t).subtypes.length === 0) ?? type);
  }

  /** The stored row of `type`'s family with primary key `key`. */
  getRow(type: string, key: readonly unknown[]): Row | undefined {
    return this.store.get(this.graph.queryFamily(type), this.graph.root(type), key);
  }

  /** The primary key as one string, composite keys joined with `,` (ids in events and widget URLs). */
  keyText(row: Row): string {
    return this.graph
      .type(row.type)
      .primaryKey.map((column) => String(row.values[column]))
      .join(',');
  }

  /** `Type(pk1, pk2)` for messages. */
  describeRow(row: Row): string {
    return `${row.type}(${keyString(this.graph.type(row.type).primaryKey.map((c) => row.values[c])).split('\u0000').join(', ')})`;
  }
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
