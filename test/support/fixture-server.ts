/**
 * A loopback ftrack-compatible server for tests that serves the real fixtures of ../shared:
 * the workspace-a schema, the js-client wire responses (matched by their expression), the
 * workspace-a record files, and rows synthesized from the schema (projects, statuses, 1,234
 * tasks) with a small `select … from … where … offset … limit …` evaluator.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { computeSchemaHash, parseSchemas, type SchemaModel } from '../../runtime/schema/index.js';
import { fixturePath, readFixture, workspaceASchema } from './shared.js';
import { synthesizeRows, type Row } from './fixture-server-rows.js';
import { runQuery } from './fixture-server-query.js';

export interface RecordedRequest {
  readonly operations: { action: string; expression?: string }[];
  readonly headers: IncomingMessage['headers'];
}

export interface FixtureServer {
  readonly url: string;
  readonly apiUser: string;
  readonly apiKey: string;
  readonly schemaHash: string;
  readonly schemas: unknown[];
  readonly requests: RecordedRequest[];
  /** Answers the next request with this raw status and body instead. */
  respondOnce(status: number, body: string): void;
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  apiUser?: string;
  apiKey?: string;
  taskCount?: number;
}

const RECORD_FILES: Readonly<Record<string, string>> = {
  Type: 'workspace-a.query_types.json',
  Priority: 'workspace-a.query_priorities.json',
  ObjectType: 'workspace-a.query_object_types.json',
  ProjectSchema: 'workspace-a.query_project_schema.json',
  Schema: 'workspace-a.query_schema.json',
  CustomAttributeConfiguration: 'workspace-a.query_custom_attribute_configurations.json',
};

class OperationError extends Error {
  constructor(readonly exception: string, content: string) {
    super(content);
  }
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const apiUser = options.apiUser ?? 'fixture.user';
  const apiKey = options.apiKey ?? 'fixture-secret-key-7f3a9c';
  const schemas = workspaceASchema();
  const model = parseSchemas(schemas);
  const schemaHash = computeSchemaHash(schemas);
  const rows = synthesizeRows(model, options.taskCount ?? 1234);
  const requests: RecordedRequest[] = [];
  const overrides: { status: number; body: string }[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });

  function handle(req: IncomingMessage, res: ServerResponse, text: string): void {
    if (req.method !== 'POST' || req.url !== '/api') return send(res, 404, { exception: 'NotFound', content: 'Only POST /api', error_code: null });
    let operations: RecordedRequest['operations'];
    try {
      operations = JSON.parse(text);
    } catch {
      return send(res, 400, { exception: 'ValidationError', content: 'Body is not JSON', error_code: null });
    }
    requests.push({ operations, headers: req.headers });
    const override = overrides.shift();
    if (override) {
      res.writeHead(override.status, { 'content-type': 'application/json' });
      return void res.end(override.body);
    }
    if (req.headers['ftrack-user'] !== apiUser || req.headers['ftrack-api-key'] !== apiKey) {
      return send(res, 401, { exception: 'InvalidCredentialsError', content: 'The supplied API key is not valid.', error_code: null });
    }
    try {
      send(res, 200, operations.map((operation) => answer(operation)));
    } catch (error) {
      if (!(error instanceof OperationError)) throw error;
      send(res, 200, { exception: error.exception, content: error.message, error_code: null });
    }
  }

  function answer(operation: { action: string; expression?: string }): unknown {
    switch (operation.action) {
      case 'query_server_information':
        return { ...readFixture<object>('responses', 'js-client.query_server_information.json'), schema_hash: schemaHash };
      case 'query_schemas':
        return schemas;
      case 'query':
        return query(String(operation.expression ?? ''));
      default:
        throw new OperationError('ValidationError', `Invalid action '${operation.action}'`);
    }
  }

  function query(expression: string): unknown {
    const file = `js-client.query_${expression.toLowerCase().replace(/[^a-z0-9.]/g, '_')}.json`;
    if (existsSync(fixturePath('responses', file))) return readFixture('responses', file);
    const from = /\bfrom\s+([A-Za-z_]+)/.exec(expression)?.[1];
    const records = from === undefined ? undefined : RECORD_FILES[from];
    if (records !== undefined) return { action: 'query', data: readFixture('responses', records), metadata: { next: { offset: null } } };
    try {
      return runQuery(model, rows, expression);
    } catch (error) {
      throw new OperationError('ParseError', (error as Error).message);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiUser,
    apiKey,
    schemaHash,
    schemas,
    requests,
    respondOnce: (status, body) => void overrides.push({ status, body }),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

