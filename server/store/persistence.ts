import { bareRecord } from '../../runtime/protocol/own-record.js';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigurationError } from '../../runtime/errors.js';
import type { EntityTypeModel } from '../../runtime/schema/index.js';
import { normaliseDateTime, toStoredVariable, toWire } from '../model/values.js';
import { isAbstractType } from '../rules/apply-rules.js';
import type { WorkspaceData } from './workspace-data.js';
import type { Workspace } from './workspace.js';

/**
 * Loads rows into an empty workspace: datetimes in any accepted form, literal schema defaults
 * for missing attributes. Unknown types or attributes fail with a message naming them.
 */
export function loadWorkspaceData(workspace: Workspace, data: WorkspaceData, source = 'data'): void {
  if (typeof data !== 'object' || data === null || typeof data.entities !== 'object' || data.entities === null) {
    throw new ConfigurationError(`${source}: expected {"entities": {"<Type>": [rows…]}}.`);
  }
  for (const [typeName, rows] of Object.entries(data.entities)) {
    const type = workspace.model.types.get(typeName);
    const defaults = type === undefined ? [] : literalDefaults(type);
    if (type === undefined) throw new ConfigurationError(`${source}: unknown entity type "${typeName}".`);
    if (isAbstractType(workspace, type)) throw new ConfigurationError(`${source}: "${typeName}" is abstract; store its rows under a concrete subtype.`);
    if (!Array.isArray(rows)) throw new ConfigurationError(`${source}: entities.${typeName} must be an array of rows.`);
    rows.forEach((raw, index) => {
      const values: Record<string, unknown> = bareRecord();
      for (const [name, value] of defaults) values[name] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
      for (const [name, value] of Object.entries(raw ?? {})) {
        const attribute = type.attributes.get(name);
        if (name.startsWith('@')) values[name] = value;
        else if (attribute === undefined || attribute.kind !== 'scalar') {
          throw new ConfigurationError(`${source}: ${typeName} row ${index} has "${name}", which is not a scalar attribute of ${typeName}.`);
        } else if (attribute.isDateTime) values[name] = value === null ? null : (normaliseDateTime(value) ?? invalid(source, typeName, index, name));
        else if (attribute.type === 'variable') values[name] = storedVariable(value, () => invalid(source, typeName, index, name));
        else values[name] = value;
      }
      try {
        workspace.store.insert(typeName, values);
      } catch (error) {
        throw new ConfigurationError(`${source}: ${typeName} row ${index} repeats primary key ${type.primaryKey.map((c) => String(values[c])).join(', ')}.`, { cause: error });
      }
    });
  }
}

function literalDefaults(type: EntityTypeModel): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const attribute of type.attributes.values()) {
    if (attribute.kind === 'scalar' && attribute.hasDefault && attribute.default !== '{uid}') out.push([attribute.name, attribute.default]);
  }
  return out;
}

function storedVariable(value: unknown, fail: () => never): unknown {
  const stored = toStoredVariable(value);
  return stored === undefined ? fail() : stored;
}

function invalid(source: string, typeName: string, index: number, name: string): never {
  throw new ConfigurationError(`${source}: ${typeName} row ${index} has an invalid value for "${name}".`);
}

/** The workspace's rows in the `--data` file format (datetimes as wire objects). */
export function dumpWorkspaceData(workspace: Workspace): WorkspaceData {
  const entities: Record<string, Record<string, unknown>[]> = {};
  for (const type of workspace.model.types.values()) {
    if (workspace.store.countOfType(type.name) === 0) continue;
    const rows = [...workspace.store.rowsOfType(type.name)].sort((a, b) => a.seq - b.seq);
    entities[type.name] = rows.map((row) => {
      const out: Record<string, unknown> = bareRecord();
      for (const [name, value] of Object.entries(row.values)) {
        const attribute = type.attributes.get(name);
        out[name] = toWire(attribute?.kind === 'scalar' ? attribute : undefined, value);
      }
      return out;
    });
  }
  return { entities };
}

/** Reads a `--data` file; a missing file means an empty workspace (undefined). */
export function readDataFile(path: string): WorkspaceData | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as WorkspaceData;
  } catch (error) {
    throw new ConfigurationError(`Cannot read the data file ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
