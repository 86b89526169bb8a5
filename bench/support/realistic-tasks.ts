/**
 * The realistic decode workload of bench/decode.ts: the real 130-type schema of workspace-a (read
 * from `../shared` beside the checkout, as test/support/shared.ts resolves it) and a loopback
 * node:http server answering `select name, bid, created_at, status.name, project.name from Task`
 * with `count` Task rows. Each row carries context_type, object_type_id, project_id, bid, a wire
 * datetime created_at, a nested status (8) and project (4): sent in full on their first occurrence
 * in a response and as `{__entity_type__, id}` references after, as ftrack deduplicates.
 * `offset N` / `limit M` in the expression select the rows (each page deduplicated on its own).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeSchemaHash } from '../../runtime/index.js';

/** The expression of the realistic workload. */
export const REALISTIC_QUERY = 'select name, bid, created_at, status.name, project.name from Task';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Path of the real schema under `../shared`, or undefined when `../shared` is absent. */
export function realSchemaPath(): string | undefined {
  const path = resolve(repoRoot, '..', 'shared', 'fixtures', 'schemas', 'workspace-a.query_schemas.json');
  return existsSync(path) ? path : undefined;
}

function uuid(prefix: number, i: number): string {
  return `${prefix.toString(16).padStart(8, '0')}-${(i >>> 16).toString(16).padStart(4, '0')}-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

const OBJECT_TYPE_ID = '11c137c0-ee7e-4f9c-91c5-8c77cec22b2c';

/** The JSON text of one query result: rows [offset, offset + limit) of `count`, deduplicated within it. */
export function realisticResult(count: number, offset: number, limit: number): string {
  const end = Math.min(count, offset + limit);
  const seen = new Set<string>();
  const rows: string[] = [];
  for (let i = offset; i < end; i++) {
    const status = uuid(3, i % 8);
    const project = uuid(1, i % 4);
    const statusJson = seen.has(status) ? `{"__entity_type__":"Status","id":"${status}"}` : `{"__entity_type__":"Status","id":"${status}","name":"Status ${i % 8}"}`;
    const projectJson = seen.has(project) ? `{"__entity_type__":"Project","id":"${project}"}` : `{"__entity_type__":"Project","id":"${project}","name":"project_${i % 4}"}`;
    seen.add(status);
    seen.add(project);
    const created = new Date(Date.UTC(2024, 0, 1) + i * 61_000).toISOString().slice(0, 19);
    rows.push(
      `{"__entity_type__":"Task","id":"${uuid(2, i)}","context_type":"task","object_type_id":"${OBJECT_TYPE_ID}","project_id":"${project}",` +
        `"name":"task_${i}","bid":${(i % 40) * 0.5},"created_at":{"__type__":"datetime","value":"${created}"},"status":${statusJson},"project":${projectJson}}`,
    );
  }
  const next = end < count ? String(end) : 'null';
  return `{"action":"query","data":[${rows.join(',')}],"metadata":{"next":{"offset":${next}}}}`;
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');
const EMPTY = Buffer.from('[]');

/** A loopback server of the realistic workload; `setCount` changes the number of Task rows. */
export interface RealisticServer {
  readonly url: string;
  readonly schemas: unknown[];
  readonly schemaHash: string;
  setCount(count: number): void;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 (answers query, query_server_information and query_schemas). */
export async function startRealisticServer(schemas: unknown[]): Promise<RealisticServer> {
  const schemaHash = computeSchemaHash(schemas);
  // Answers are kept as encoded bytes, built once per page: each request only writes them, so the
  // floor (and every column) is not charged for this in-process server re-encoding megabytes of text.
  const information = Buffer.from(JSON.stringify({ version: '4.13.8', schema_hash: schemaHash, is_timezone_support_enabled: true, storage_scenario: { scenario: 'ftrack.automatic', data: {} } }));
  const schemasJson = Buffer.from(JSON.stringify(schemas));
  let count = 0;
  let cache = new Map<string, Buffer>();
  const answer = (expression: string): Buffer => {
    const offset = Number(/ offset (\d+)/.exec(expression)?.[1] ?? 0);
    const limit = Number(/ limit (\d+)/.exec(expression)?.[1] ?? count);
    const key = `${offset}:${limit}`;
    let bytes = cache.get(key);
    if (bytes === undefined) cache.set(key, (bytes = Buffer.from(realisticResult(count, offset, limit))));
    return bytes;
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operations = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { action: string; expression?: string }[];
      const parts = operations.map((op) => (op.action === 'query' ? answer(op.expression ?? '') : op.action === 'query_schemas' ? schemasJson : information));
      let length = Math.max(2, 1 + parts.length);
      for (const part of parts) length += part.length;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
      // `[`, the parts separated by `,`, `]`: written as they are, never copied into one body.
      res.cork();
      parts.forEach((part, i) => {
        res.write(i === 0 ? OPEN : COMMA);
        res.write(part);
      });
      res.end(parts.length === 0 ? EMPTY : CLOSE);
    });
  });
  // Idle sockets outlive any client's keep-alive (a socket closed under a reusing client is ECONNRESET).
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    schemas,
    schemaHash,
    setCount(next: number) {
      count = next;
      cache = new Map();
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Reads the real schema, or undefined when `../shared` is absent. */
export function readRealSchema(): unknown[] | undefined {
  const path = realSchemaPath();
  return path === undefined ? undefined : (JSON.parse(readFileSync(path, 'utf8')) as unknown[]);
}
