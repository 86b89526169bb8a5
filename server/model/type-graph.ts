import { possibleTypes, type Attribute, type EntityTypeModel, type SchemaModel, type ScalarAttribute } from '../../runtime/schema/index.js';

const FK_DESCRIPTION = /^Foreign key\(s\):\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)/;

/** Where a foreign-key scalar points, read from its `Foreign key(s): Target.attr` description. */
export interface ForeignKeyTarget {
  readonly type: string;
  readonly attribute: string;
}

/** Cached structural facts about a schema model (mixin roots, relation families). */
export class TypeGraph {
  private readonly roots = new Map<string, string>();
  private readonly relationFamilies = new Map<string, ReadonlySet<string>>();
  private readonly scalarLists = new Map<string, ScalarAttribute[]>();
  private readonly foreignKeys = new WeakMap<Attribute, ForeignKeyTarget | null>();

  constructor(readonly model: SchemaModel) {}

  type(name: string): EntityTypeModel {
    const type = this.model.types.get(name);
    if (type === undefined) throw new Error(`internal: unknown type ${name}`);
    return type;
  }

  /** Top of the `$mixin` chain: rows of one root share a primary-key space. */
  root(name: string): string {
    let root = this.roots.get(name);
    if (root === undefined) {
      let current = this.type(name);
      while (current.base !== undefined && this.model.types.has(current.base)) current = this.type(current.base);
      root = current.name;
      this.roots.set(name, root);
    }
    return root;
  }

  /** Types a relation targeting `name` may hold (storage-root family, see `possibleTypes`). */
  relationFamily(name: string): ReadonlySet<string> {
    let family = this.relationFamilies.get(name);
    if (family === undefined) {
      family = new Set(possibleTypes(this.model, name, true));
      this.relationFamilies.set(name, family);
    }
    return family;
  }

  /** Types `from <name>` returns: the type's own `$mixin` family. */
  queryFamily(name: string): readonly string[] {
    return this.type(name).family;
  }

  /**
   * The foreign-key target of a scalar: what its `Foreign key(s): Type.attr` description names, else
   * the `$ref` a foreign key carried beside its `type` (joined on the target's single primary key).
   */
  foreignKeyTarget(attribute: Attribute): ForeignKeyTarget | undefined {
    if (attribute.kind !== 'scalar') return undefined;
    let cached = this.foreignKeys.get(attribute);
    if (cached === undefined) {
      cached = this.readForeignKey(attribute) ?? null;
      this.foreignKeys.set(attribute, cached);
    }
    return cached ?? undefined;
  }

  private readForeignKey(attribute: ScalarAttribute): ForeignKeyTarget | undefined {
    const match = attribute.description === undefined ? null : FK_DESCRIPTION.exec(attribute.description);
    if (match !== null && this.model.types.has(match[1]!)) return { type: match[1]!, attribute: match[2]! };
    const target = attribute.references === undefined ? undefined : this.model.types.get(attribute.references);
    if (target === undefined || target.primaryKey.length !== 1) return undefined;
    return { type: target.name, attribute: target.primaryKey[0]! };
  }

  /** The key columns of `target` a foreign key joins on: the named attribute if it exists, else the primary key. */
  targetColumns(target: string, attribute: string | undefined): readonly string[] {
    const type = this.type(target);
    if (attribute !== undefined && type.attributes.get(attribute)?.kind === 'scalar') return [attribute];
    return type.primaryKey;
  }

  /** Scalar attributes of a type in schema declaration order. */
  scalars(name: string): ScalarAttribute[] {
    let list = this.scalarLists.get(name);
    if (list === undefined) {
      const type = this.type(name);
      list = Object.keys(type.raw.properties)
        .map((key) => type.attributes.get(key))
        .filter((a): a is ScalarAttribute => a?.kind === 'scalar');
      this.scalarLists.set(name, list);
    }
    return list.slice();
  }

  /** Attributes of a type in schema declaration order. */
  ordered(name: string): Attribute[] {
    const type = this.type(name);
    return Object.keys(type.raw.properties)
      .map((key) => type.attributes.get(key))
      .filter((a): a is Attribute => a !== undefined);
  }
}
