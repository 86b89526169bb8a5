/**
 * A synthetic in-process ftrack server for streaming tests and bench/memory.ts: `count` tasks
 * generated on the fly, page by page, as JSON text parsed the way a transport parses a response
 * (nothing is stored, so a million rows cost no memory here). Every answer arrives in a later
 * event-loop turn, as a network answer does.
 *
 * Tasks carry name, bid, created_at, a status (8) and a project (25), sent in full on their first
 * occurrence in a response and as references after that (as ftrack deduplicates). Queries by id
 * (`… from Task where id in (…)`) answer `parent` (one Folder per task) and `parent_id`, plus the
 * paging fields when `name` is selected; loads of Folder, Status and Project answer `name`. Creates, updates and deletes are accepted and echoed.
 */
import type { Operation } from '../../runtime/protocol/operations.js';
import type { Transport, TransportRequest } from '../../runtime/transport/transport.js';
import { computeSchemaHash } from '../../runtime/schema/index.js';
import type { SchemaMetadata } from '../../runtime/contract/entity-types.js';

const s = { type: 'string' };

/** The schema of the synthetic workspace (query_schemas form). */
export const SYNTHETIC_SCHEMAS: unknown[] = [
  {
    id: 'Task',
    primary_key: ['id'],
    default_projections: ['id', 'name'],
    properties: {
      id: s,
      name: s,
      bid: { type: 'number' },
      created_at: { type: 'string', format: 'date-time' },
      status_id: s,
      project_id: s,
      parent_id: s,
      status: { $ref: 'Status' },
      project: { $ref: 'Project' },
      parent: { $ref: 'Folder' },
    },
  },
  { id: 'Folder', primary_key: ['id'], default_projections: ['id', 'name'], properties: { id: s, name: s } },
  { id: 'Status', primary_key: ['id'], default_projections: ['id', 'name'], properties: { id: s, name: s } },
  { id: 'Project', primary_key: ['id'], default_projections: ['id', 'name'], properties: { id: s, name: s, full_name: s } },
];

/** Generated-client style metadata for `new Session({ schema })`. */
export const SYNTHETIC_SCHEMA: SchemaMetadata = { schemaHash: computeSchemaHash(SYNTHETIC_SCHEMAS), schemas: SYNTHETIC_SCHEMAS };

/** The query the bench and tests page through. */
export const TASK_QUERY = 'select name, bid, created_at, status.name, project.name, project.full_name from Task';

const PREFIX = { Project: 1, Task: 2, Status: 3, Folder: 4 } as const;
type Kind = keyof typeof PREFIX;

/** The uuid of entity `i` of `kind`. */
export function syntheticId(kind: Kind, i: number): string {
  return `${PREFIX[kind].toString(16).padStart(8, '0')}-${(i >>> 16).toString(16).padStart(4, '0')}-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

function indexOf(id: string): number {
  return Number.parseInt(id.slice(-12), 16);
}

function kindOf(id: string): Kind | undefined {
  const prefix = Number.parseInt(id.slice(0, 8), 16);
  return (Object.keys(PREFIX) as Kind[]).find((kind) => PREFIX[kind] === prefix);
}

/** The synthetic transport; `requests` counts requests, `expressions` keeps the last 100 queries. */
export class SyntheticTaskTransport implements Transport {
  requests = 0;
  readonly expressions: string[] = [];
  #closed = false;

  /** `sameTurn`: answer in the same event-loop turn (promise jobs only), as an in-memory mock would. */
  constructor(
    readonly count: number,
    readonly options: { sameTurn?: boolean } = {},
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  async send(request: TransportRequest): Promise<unknown[]> {
    if (this.options.sameTurn !== true) await new Promise<void>((resolve) => setImmediate(resolve));
    request.signal?.throwIfAborted();
    this.requests++;
    const body = `[${request.operations.map((operation) => this.#answer(operation)).join(',')}]`;
    return JSON.parse(body) as unknown[];
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #answer(operation: Operation): string {
    if (operation.action === 'query_server_information') {
      return JSON.stringify({ version: '4.13.8', schema_hash: SYNTHETIC_SCHEMA.schemaHash, is_timezone_support_enabled: true, storage_scenario: { scenario: 'ftrack.automatic', data: {} } });
    }
    if (operation.action === 'create' || operation.action === 'update') {
      // Accepts the change and answers the entity as sent.
      const { entity_type: type, entity_key: key, entity_data: data } = operation as { entity_type: string; entity_key?: string[]; entity_data?: object };
      return JSON.stringify({ action: operation.action, data: { __entity_type__: type, ...(key ? { id: key[0] } : {}), ...data } });
    }
    if (operation.action === 'delete') return '{"action":"delete","data":true}';
    if (operation.action !== 'query') throw new Error(`synthetic transport: unsupported action ${operation.action}`);
    const expression = (operation as { expression: string }).expression;
    this.expressions.push(expression);
    if (this.expressions.length > 100) this.expressions.shift();
    const ids = [...expression.matchAll(/"([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    if (ids.length > 0) {
      const selected = new Set((/^select (.*?) from /.exec(expression)?.[1] ?? '').split(',').map((name) => name.trim()));
      return result(ids.map((id) => loadRow(id, selected)), null);
    }
    const offset = Number(/ offset (\d+)/.exec(expression)?.[1] ?? 0);
    const limit = Number(/ limit (\d+)/.exec(expression)?.[1] ?? this.count);
    const end = Math.min(this.count, offset + limit);
    const seen = new Set<string>();
    const rows: string[] = [];
    for (let i = offset; i < end; i++) rows.push(taskRow(i, seen));
    return result(rows, end < this.count ? end : null);
  }
}

function result(rows: string[], next: number | null): string {
  return `{"action":"query","data":[${rows.join(',')}],"metadata":{"next":{"offset":${next === null ? 'null' : next}}}}`;
}

function taskRow(i: number, seen: Set<string>): string {
  const status = syntheticId('Status', i % 8);
  const project = syntheticId('Project', i % 25);
  const statusJson = seen.has(status) ? `{"__entity_type__":"Status","id":"${status}"}` : `{"__entity_type__":"Status","id":"${status}","name":"Status ${i % 8}"}`;
  const projectJson = seen.has(project)
    ? `{"__entity_type__":"Project","id":"${project}"}`
    : `{"__entity_type__":"Project","id":"${project}","name":"project_${i % 25}","full_name":"Project ${i % 25}"}`;
  seen.add(status);
  seen.add(project);
  const created = new Date(Date.UTC(2024, 0, 1) + i * 61_000).toISOString().slice(0, 19);
  return (
    `{"__entity_type__":"Task","id":"${syntheticId('Task', i)}","name":"task_${i}","bid":${(i % 40) * 0.5},` +
    `"created_at":{"__type__":"datetime","value":"${created}"},"status":${statusJson},"project":${projectJson}}`
  );
}

/** A row of a load by id: a task's `parent` and `parent_id` (and its other fields when `name` is selected). */
function loadRow(id: string, selected: ReadonlySet<string>): string {
  const kind = kindOf(id);
  const i = indexOf(id);
  if (kind === 'Task') {
    const folder = syntheticId('Folder', i);
    const parent = `"parent_id":"${folder}","parent":{"__entity_type__":"Folder","id":"${folder}"}`;
    return selected.has('name') ? `${taskRow(i, new Set()).slice(0, -1)},${parent}}` : `{"__entity_type__":"Task","id":"${id}",${parent}}`;
  }
  if (kind === undefined) throw new Error(`synthetic transport: unknown id ${id}`);
  return `{"__entity_type__":"${kind}","id":"${id}","name":"${kind.toLowerCase()}_${i}"}`;
}
