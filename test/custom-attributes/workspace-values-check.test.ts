import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, Session, UndiciTransport, type Transport, type TransportRequest } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { computeValuesHash } from '../../runtime/schema/values-hash.js';
import { createSession, q, schemaMetadata } from '../../generated/index.js';

// Issue 12 item 5: a session of a client generated with workspace values compares them with the
// server's once, in one request of its own sent in parallel with its first request (not in the same
// batch: the server's deduplication would reduce shared entities to bare references), and warns once
// when they differ, through the same logger as the schema-hash warning.

/** An undici transport that records each batch's operations. */
function recording(server: ServerHandle, batches: TransportRequest['operations'][]): Transport {
  const inner = new UndiciTransport({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
  return {
    get closed() {
      return inner.closed;
    },
    send(request) {
      batches.push(request.operations);
      return inner.send(request);
    },
    close: () => inner.close(),
  };
}

function open(server: ServerHandle, options: { warnings: string[]; batches?: TransportRequest['operations'][]; checkWorkspaceValues?: boolean }) {
  return createSession({
    serverUrl: server.url,
    apiUser: server.apiUser,
    apiKey: server.apiKey,
    logger: { warn: (message) => options.warnings.push(message) },
    ...(options.batches ? { transport: recording(server, options.batches) } : {}),
    ...(options.checkWorkspaceValues !== undefined ? { checkWorkspaceValues: options.checkWorkspaceValues } : {}),
  });
}

/** The expression of a query operation. */
const expressionOf = (operation: TransportRequest['operations'][number]): string | undefined =>
  operation.action === 'query' && typeof operation.expression === 'string' ? operation.expression : undefined;

const valueExpressions = schemaMetadata.values!.lists.map((list) => `select ${list.attribute} from ${list.entityType}`);

describe('workspace values check', () => {
  describe('a server with the generated values', () => {
    let server: ServerHandle;
    beforeAll(async () => {
      server = await startServer();
    });
    afterAll(() => server?.close());

    it('the generated metadata carries the names and their hash', () => {
      const values = schemaMetadata.values!;
      expect(values.lists.map((list) => list.entityType)).toEqual(['Status', 'Type', 'Priority', 'ObjectType', 'State']);
      expect(values.hash).toBe(computeValuesHash(values.lists));
      expect(values.lists[0]!.names).toContain('Approved');
    });

    it('reads the values once, in a request beside the first one, and does not warn', async () => {
      const warnings: string[] = [];
      const batches: TransportRequest['operations'][] = [];
      await using session = open(server, { warnings, batches });
      const rows = await session.query(q.Task.select('name').where((t) => t.status.name.eq('Approved')).limit(3)).all();
      await session.query(q.Status.select('name')).all();
      expect(rows.length).toBeGreaterThan(0);
      const expressions = batches.map((batch) => batch.map((op) => expressionOf(op) ?? op.action));
      expect(expressions).toEqual([
        ['query_server_information', 'select name from Task where status.name is "Approved" limit 3'],
        valueExpressions,
        ['select name from Status limit 500'],
      ]);
      expect(warnings).toEqual([]);
    });

    it('with checkWorkspaceValues: false sends nothing extra', async () => {
      const warnings: string[] = [];
      const batches: TransportRequest['operations'][] = [];
      await using session = open(server, { warnings, batches, checkWorkspaceValues: false });
      await session.query(q.Priority.select('name')).all();
      expect(batches.map((batch) => batch.map((op) => op.action))).toEqual([['query_server_information', 'query']]);
      expect(warnings).toEqual([]);
    });
  });

  describe('a server whose values changed since generation', () => {
    let server: ServerHandle;
    beforeAll(async () => {
      server = await startServer();
      // An untyped session (no generated metadata: no check) adds a status and renames a priority.
      await using admin = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
      const template = await admin.query('select state_id from Status where name is "Approved"').one();
      admin.create('Status', { name: 'Waiting on client', state_id: template['state_id'] });
      const low = await admin.query('select name from Priority where name is "Low"').one();
      low['name'] = 'Later';
      await admin.commit();
    });
    afterAll(() => server?.close());

    it('warns exactly once, naming what differs, and every request still works', async () => {
      const warnings: string[] = [];
      const batches: TransportRequest['operations'][] = [];
      await using session = open(server, { warnings, batches });
      const waiting = await session.query(q.Status.select('name').where((s) => s.name.eq(raw('Waiting on client')))).all();
      await session.query(q.Task.select('name').limit(1)).all();
      await session.ready();
      expect(waiting.map((row) => row.name)).toEqual(['Waiting on client']);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('Workspace values differ');
      expect(warnings[0]).toContain('Status.name: new "Waiting on client"');
      expect(warnings[0]).toContain('Priority.name: new "Later", gone "Low"');
      expect(warnings[0]).not.toContain('Type.name');
      expect(warnings[0]).not.toContain(server.apiKey);
      // the value queries went once, in a request of their own
      expect(batches.filter((batch) => batch.some((op) => valueExpressions.includes(expressionOf(op) ?? '')))).toEqual([valueExpressions.map((expression) => ({ action: 'query', expression }))]);
    });

    it('warns once per session, also when ready() asks first, and never throws in strict schema-hash mode', async () => {
      const warnings: string[] = [];
      await using session = createSession({
        serverUrl: server.url,
        apiUser: server.apiUser,
        apiKey: server.apiKey,
        strictSchemaHash: true,
        logger: { warn: (message) => warnings.push(message) },
      });
      await session.ready();
      await session.query(q.Priority.select('name')).all();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('Priority.name');
    });
  });
});

describe('workspace values check: answers it cannot use', () => {
  /** A transport that answers server information and `select name from Task`, and value queries with `values`. */
  function fake(values: (expression: string) => unknown): Transport {
    return {
      closed: false,
      async send({ operations }) {
        return operations.map((operation) => {
          if (operation.action === 'query_server_information') return { version: 'dev', schema_hash: schemaMetadata.schemaHash };
          const expression = expressionOf(operation) ?? '';
          if (expression.startsWith('select name from Task')) {
            return { action: 'query', data: [{ __entity_type__: 'Task', id: 't1', name: 'comp' }], metadata: { next: { offset: null } } };
          }
          if (valueExpressions.includes(expression)) return values(expression);
          throw new Error(`unexpected ${JSON.stringify(operation)}`);
        });
      },
      async close() {},
    };
  }

  async function firstQuery(transport: Transport): Promise<{ warnings: string[]; names: string[] }> {
    const warnings: string[] = [];
    await using session = createSession({ serverUrl: 'http://127.0.0.1:9', apiUser: 'u', apiKey: 'k', transport, logger: { warn: (message) => warnings.push(message) } });
    const rows = await session.query(q.Task.select('name')).all();
    return { warnings, names: rows.map((row) => row.name) };
  }

  it('a failing value request neither fails the first request nor warns', async () => {
    const result = await firstQuery(
      fake(() => {
        throw new Error('refused');
      }),
    );
    expect(result).toEqual({ warnings: [], names: ['comp'] });
  });

  it('a paged or malformed answer leaves the values uncompared (no warning)', async () => {
    const paged = await firstQuery(fake(() => ({ action: 'query', data: [{ __entity_type__: 'Status', id: 's', name: 'Other' }], metadata: { next: { offset: 1 } } })));
    expect(paged).toEqual({ warnings: [], names: ['comp'] });
    const malformed = await firstQuery(fake(() => 'not a query result'));
    expect(malformed).toEqual({ warnings: [], names: ['comp'] });
  });

  it('answers with other names warn once, with the server values shown redacted and short', async () => {
    const long = `x${'y'.repeat(300)}`;
    const result = await firstQuery(
      fake((expression) => {
        const list = schemaMetadata.values!.lists.find((l) => expression === `select ${l.attribute} from ${l.entityType}`)!;
        const names = list.entityType === 'State' ? [...list.names, long] : list.names;
        return { action: 'query', data: names.map((name, i) => ({ __entity_type__: list.entityType, id: String(i), name })), metadata: { next: { offset: null } } };
      }),
    );
    expect(result.names).toEqual(['comp']);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/State\.name: new "xy+…"/);
    expect(result.warnings[0]!.length).toBeLessThan(600);
  });
});
