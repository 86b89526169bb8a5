import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoData } from '../../server/demo/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { callApi, query } from './support/api-client.js';

// 20 clients × 200 mixed operations at once: every acknowledged write is there afterwards.
const seed = demoData();
let server: ServerHandle;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const CLIENTS = 20;
const OPERATIONS = 200;

async function client(index: number): Promise<Map<string, number>> {
  const counters = new Map<string, number>();
  const parent = seed.entities.Shot![index % seed.entities.Shot!.length]!;
  for (let op = 0; op < OPERATIONS; op++) {
    const id = `c${index}-${Math.floor(op / 4)}`;
    const kind = op % 4;
    const operation =
      kind === 0
        ? { action: 'create', entity_type: 'Task', entity_data: { id, name: `t-${id}`, parent: { __entity_type__: 'Shot', id: parent.id } } }
        : kind === 1
          ? { action: 'update', entity_type: 'Task', entity_key: id, entity_data: { bid: op } }
          : kind === 2
            ? { action: 'query', expression: `select name, bid from Task where id is "${id}"` }
            : { action: 'create', entity_type: 'Metadata', entity_data: { parent_id: id, parent_type: 'Task', key: 'k', value: String(op) } };
    const { body } = await callApi<unknown[] | { content: string }>(server, [operation]);
    if (!Array.isArray(body)) throw new Error(`client ${index} op ${op}: ${body.content}`);
    if (kind === 1) counters.set(id, op);
  }
  return counters;
}

describe('parallel clients', () => {
  it(`${CLIENTS} clients × ${OPERATIONS} operations lose no write`, async () => {
    const results = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const tasks = await query(server, 'select id, bid from Task where name like "t-c%"');
    expect(tasks.data).toHaveLength((CLIENTS * OPERATIONS) / 4);
    const bids = new Map(tasks.data.map((t) => [t.id, t.bid]));
    for (const counters of results) for (const [id, bid] of counters) expect(bids.get(id)).toBe(bid);
    const metadata = await query(server, 'select parent_id from Metadata where key is k');
    expect(metadata.data).toHaveLength((CLIENTS * OPERATIONS) / 4);
  });
});
