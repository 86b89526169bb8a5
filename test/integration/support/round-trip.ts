/**
 * Shared pieces of the query round-trip tests (test/integration/query-*.test.ts): a local demo
 * server with a session of the generated client, and "typed builder ↔ hand-written expression ↔
 * answer computed from the seed" cases.
 */
import { afterAll, beforeAll } from 'vitest';
import type { QueryLike } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { createSession } from '../../../generated/index.js';
import { keysWhere, type SeedRow } from './demo-oracle.js';

/** A session of the generated demo client. */
export type DemoSession = ReturnType<typeof createSession>;

/** What every result row has: its primary key. */
export type Keyed = { $primaryKey(): string[] };

/** Starts a demo server (fresh seed) before the file's tests and closes it after; returns an accessor. */
export function useDemoSession(): () => DemoSession {
  let server: ServerHandle | undefined;
  let session: DemoSession | undefined;
  beforeAll(async () => {
    server = await startServer();
    session = createSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
  return () => session!;
}

/** Sorted primary keys (joined by `,`) of what a typed builder or an expression returns. */
export async function keysOf(session: DemoSession, query: string | QueryLike<Keyed>): Promise<string[]> {
  const rows: Keyed[] = typeof query === 'string' ? await session.query(query).all() : await session.query(query).all();
  return rows.map((row) => row.$primaryKey().join(',')).sort();
}

/** One case: a typed builder, the equivalent hand-written expression, and the seed's answer. */
export interface RoundTrip {
  readonly name: string;
  readonly type: string;
  readonly typed: QueryLike<Keyed>;
  readonly text: string;
  readonly expected: string[];
}

/** The entity type an expression queries (`select … from X …` or `X where …`). */
export function queriedType(text: string): string {
  const match = /^(?:select .*? from )?(\w+)/.exec(text);
  if (!match) throw new Error(`round-trip: no entity type in ${text}`);
  return match[1]!;
}

/** Builds a case; `test` selects the expected rows of the queried type from the seed. */
export function trip(name: string, typed: QueryLike<Keyed>, text: string, test: (row: SeedRow) => boolean): RoundTrip {
  const type = queriedType(text);
  return { name, type, typed, text, expected: keysWhere(type, test) };
}
