/**
 * Unit-test helpers: a small synthetic schema (no ../shared needed) and an undici MockAgent
 * that answers `POST /api` through a handler, recording every batch.
 */
import { MockAgent } from 'undici';
import { computeSchemaHash } from '../../runtime/schema/index.js';

export const MOCK_ORIGIN = 'http://ftrack.test';
export const MOCK_USER = 'mock.user';
export const MOCK_KEY = 'mock-secret-api-key-93b1';

const str = { type: 'string' };
const date = { type: 'string', format: 'date-time' };

/** Project, Task, Status, Metadata (composite key), Event (integer key), Context ← Shot. */
export function unitSchema(): unknown[] {
  return [
    {
      id: 'Project', type: 'object', primary_key: ['id'], default_projections: ['id', 'name'], immutable: ['id', 'created_at'],
      properties: { id: { ...str, default: '{uid}' }, name: str, status: str, created_at: date, tasks: { type: 'array', items: { $ref: 'Task' } } },
    },
    {
      id: 'Task', type: 'object', primary_key: ['id'], default_projections: ['id', 'name'], immutable: ['id'],
      system_projections: ['showid'],
      properties: {
        id: { ...str, default: '{uid}' }, name: str, bid: { type: 'number' }, created_at: date, data: { type: 'object' },
        project_id: { ...str, alias_for: 'showid' }, project: { $ref: 'Project' }, status: { $ref: 'Status' },
        metadata: { type: 'mapped_array', items: { $ref: 'Metadata' }, key_value_attributes: { key: 'key', value: 'value' } },
        links: { type: 'mapped_array', items: { $ref: 'Metadata' }, restricted_projection: true },
      },
    },
    { id: 'Status', type: 'object', primary_key: ['id'], default_projections: ['id'], properties: { id: str, name: str } },
    { id: 'Metadata', type: 'object', primary_key: ['parent_id', 'key'], default_projections: ['parent_id', 'key', 'value'], properties: { parent_id: str, key: str, value: str } },
    { id: 'Event', type: 'object', primary_key: ['id'], default_projections: ['id'], properties: { id: { type: 'integer' }, action: str } },
    { id: 'Context', type: 'object', primary_key: ['id'], default_projections: ['id', 'name'], properties: { id: str, name: str } },
    {
      id: 'Shot', type: 'object', $mixin: { $ref: 'Context' }, primary_key: ['id'], default_projections: ['id', 'name'],
      alias_for: { id: 'Context', classifiers: { object_typeid: 'shot-type' } },
      properties: { id: str, name: str, object_type_id: { ...str, alias_for: 'object_typeid', default: 'shot-type' } },
    },
  ];
}

export interface MockBatch {
  readonly operations: { action: string; expression?: string; [key: string]: unknown }[];
  readonly headers: Record<string, string>;
  readonly path: string;
}

export type MockAnswer = { status?: number; body: unknown; raw?: boolean };

/** A MockAgent whose `handler` answers each batch (default: server info, schemas, empty queries). */
export function mockFtrack(options: { schemaHash?: string } = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const schemas = unitSchema();
  const information = { version: '4.13.8', schema_hash: options.schemaHash ?? computeSchemaHash(schemas), is_timezone_support_enabled: true };
  const batches: MockBatch[] = [];
  const state = {
    /** Answers one query expression; default: no rows. */
    query: (_expression: string): unknown => ({ action: 'query', data: [], metadata: { next: { offset: null } } }),
    /** Answers a whole batch; default: each operation by action. */
    handler: undefined as undefined | ((batch: MockBatch) => MockAnswer),
  };
  const answer = (operation: MockBatch['operations'][number]): unknown => {
    if (operation.action === 'query_server_information') return information;
    if (operation.action === 'query_schemas') return schemas;
    if (operation.action === 'query') return state.query(String(operation.expression));
    return { action: operation.action, data: true };
  };
  agent
    .get(MOCK_ORIGIN)
    .intercept({ path: () => true, method: 'POST' })
    .reply((request) => {
      const batch: MockBatch = {
        operations: JSON.parse(String(request.body)),
        headers: request.headers as Record<string, string>,
        path: request.path,
      };
      batches.push(batch);
      const result = state.handler ? state.handler(batch) : { body: batch.operations.map(answer) };
      const data = result.raw ? String(result.body) : JSON.stringify(result.body);
      return { statusCode: result.status ?? 200, data };
    })
    .persist();
  return {
    agent,
    batches,
    schemas,
    information,
    state,
    /** Session options pointing at the mock. */
    options: { serverUrl: MOCK_ORIGIN, apiUser: MOCK_USER, apiKey: MOCK_KEY, dispatcher: agent },
    queries: () => batches.flatMap((b) => b.operations).filter((op) => op.action === 'query').map((op) => String(op.expression)),
  };
}

/** A query result envelope. */
export function queryAnswer(data: unknown[], nextOffset: number | null = null): unknown {
  return { action: 'query', data, metadata: { next: { offset: nextOffset } } };
}
