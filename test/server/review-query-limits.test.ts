import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { MAX_WILDCARD_PIECE } from '../../server/query/like-matcher.js';
import { callApi, query } from './support/api-client.js';

// Review of issue 9, item 7: hostile query shapes the first tests did not try. Flat chains are
// not nesting: 100k `and`/`or` terms and a 100k-element `in` list must be evaluated, never
// overflow the stack; a `like` run with `_` long enough to make a scan
// quadratic-like is refused with a ParseError; the server keeps answering.

type ErrorBody = { exception: string; content: string; error_code: string | null };
const N = 100_000;
let server: ServerHandle;
let projectId: string;
let projectName: string;

beforeAll(async () => {
  server = await startServer({ apiKey: 'k' });
  const project = (await query(server, 'select id, name from Project limit 1')).data[0]!;
  projectId = String(project.id);
  projectName = String(project.name);
});
afterAll(() => server.close());

async function answerOf(expression: string): Promise<{ ids?: unknown[]; error?: ErrorBody }> {
  const { body } = await callApi<{ data: { id: unknown }[] }[] | ErrorBody>(server, [{ action: 'query', expression }]);
  if (Array.isArray(body)) return { ids: body[0]!.data.map((row) => row.id) };
  return { error: body };
}

describe('flat chains of 100k terms', () => {
  it.each([
    ['and', () => `select id from Project where ${Array.from({ length: N }, () => `name is "${projectName}"`).join(' and ')}`],
    ['or', () => `select id from Project where ${Array.from({ length: N }, (_, i) => `name is "nope ${i}"`).join(' or ')} or name is "${projectName}"`],
    ['in list', () => `select id from Project where id in (${Array.from({ length: N }, (_, i) => `"nope-${i}"`).join(', ')}, "${projectId}")`],
    ['has chain', () => `select id from Project where ${Array.from({ length: N }, () => 'children any (name like "%")').join(' or ')} or name is "${projectName}"`],
  ])('%s: evaluated (flat, so no depth limit applies), never an internal error', async (_name, build) => {
    const answer = await answerOf(build());
    expect(answer.error).toBeUndefined();
    expect(answer.ids).toContain(projectId);
    expect((await query(server, 'select id from Project limit 1')).data).toHaveLength(1);
  });
});

describe('like patterns', () => {
  it(`a run with "_" longer than ${MAX_WILDCARD_PIECE} characters is a ParseError; one of exactly that length is evaluated`, async () => {
    const tooLong = `%${'a_'.repeat(MAX_WILDCARD_PIECE / 2)}b%`;
    const refused = await answerOf(`select id from Project where name like "${tooLong}"`);
    expect(refused.error).toMatchObject({ exception: 'ParseError', error_code: 'like_pattern_too_long' });
    const atLimit = `%${'a_'.repeat(MAX_WILDCARD_PIECE / 2 - 1)}ab%`;
    const evaluated = await answerOf(`select id from Project where name like "${atLimit}"`);
    expect(evaluated.ids).toEqual([]);
    // runs without "_" have no bound: KMP is linear in both
    const plain = await answerOf(`select id from Project where name like "%${'a'.repeat(20_000)}%"`);
    expect(plain.ids).toEqual([]);
  });
});
