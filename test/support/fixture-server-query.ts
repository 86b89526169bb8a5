/** The fixture server's small query evaluator over synthesized rows. */
import { possibleTypes, type SchemaModel } from '../../runtime/schema/index.js';
import type { Row } from './fixture-server-rows.js';

const QUERY = /^select\s+(.+?)\s+from\s+([A-Za-z_]+)(?:\s+where\s+(.+?))?(?:\s+offset\s+(\d+))?(?:\s+limit\s+(\d+))?\s*$/i;
const CONDITION = /^([\w.]+)\s+(is_not|is|like|!=|=)\s+(.+)$/i;

/** Answers `select <paths> from <Type> [where a is v and …] [offset N] [limit N]`. */
export function runQuery(model: SchemaModel, rows: ReadonlyMap<string, Row[]>, expression: string): unknown {
  const match = QUERY.exec(expression.trim());
  if (match === null) throw new Error(`Cannot parse the query "${expression}".`);
  const [, select, type, where, offsetText, limitText] = match;
  if (!model.types.has(type!)) throw new Error(`Unknown entity type "${type}".`);
  const candidates = possibleTypes(model, type!).flatMap((member) => rows.get(member) ?? []);
  const conditions = where === undefined ? [] : where.split(/\s+and\s+/i).map(parseCondition);
  const matching = candidates.filter((row) => conditions.every((test) => test(row)));
  const offset = offsetText === undefined ? 0 : Number(offsetText);
  const page = matching.slice(offset, limitText === undefined ? undefined : offset + Number(limitText));
  const paths = select!.split(',').map((path) => path.trim().split('.'));
  const seen = new Set<Row>();
  const data = page.map((row) => project(model, row, paths, seen));
  const end = offset + page.length;
  return { action: 'query', data, metadata: { next: { offset: end < matching.length ? end : null } } };
}

function project(model: SchemaModel, row: Row, paths: readonly string[][], seen: Set<Row>): Record<string, unknown> {
  const type = model.types.get(row.type)!;
  const out: Record<string, unknown> = { __entity_type__: row.type };
  const always = [...type.primaryKey, ...type.systemProjections, ...type.classifiers.map((c) => c.attribute)];
  for (const name of always) if (name in row.values) out[name] = encode(row.values[name]);
  if (seen.has(row)) return out;
  seen.add(row);
  const byHead = new Map<string, string[][]>();
  for (const [head, ...rest] of paths) {
    if (!type.attributes.has(head!)) throw new Error(`${row.type} has no attribute "${head}".`);
    const list = byHead.get(head!) ?? [];
    if (rest.length > 0) list.push(rest);
    byHead.set(head!, list);
  }
  for (const [head, rest] of byHead) {
    const attribute = type.attributes.get(head)!;
    const value = row.values[head];
    if (attribute.kind === 'scalar') out[head] = encode(value ?? null);
    else if (attribute.kind === 'reference') out[head] = value ? project(model, value as Row, rest, seen) : null;
    else out[head] = ((value as Row[] | undefined) ?? []).map((item) => project(model, item, rest, seen));
  }
  return out;
}

function parseCondition(text: string): (row: Row) => boolean {
  const match = CONDITION.exec(text.trim());
  if (match === null) throw new Error(`Unsupported condition "${text}".`);
  const [, path, operator, literal] = match;
  const expected = parseLiteral(literal!.trim());
  const op = operator!.toLowerCase();
  return (row) => {
    const actual = readPath(row, path!.split('.'));
    const equal = String(actual instanceof Date ? actual.toISOString() : actual) === String(expected) || (actual == null && expected === null);
    if (op === 'is' || op === '=') return equal;
    if (op === 'is_not' || op === '!=') return !equal;
    const pattern = new RegExp(`^${String(expected).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`);
    return typeof actual === 'string' && pattern.test(actual);
  };
}

function parseLiteral(text: string): unknown {
  if (/^".*"$|^'.*'$/s.test(text)) return text.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^(none|null)$/i.test(text)) return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function readPath(row: Row, path: readonly string[]): unknown {
  let value: unknown = row;
  for (const segment of path) value = value == null ? undefined : (value as Row).values[segment];
  return value;
}

function encode(value: unknown): unknown {
  if (value instanceof Date) return { __type__: 'datetime', value: value.toISOString().slice(0, 19) };
  return value;
}
