import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { MAX_CONDITION_DEPTH } from '../../server/query/parser.js';
import { callApi, query } from './support/api-client.js';

// A query nested far deeper than any real one must be refused as a ParseError (not a stack
// overflow reported as "Internal server error"), and the server must keep answering.

type ErrorBody = { exception: string; content: string; error_code: string | null };

const DEEP = 50_000;
const cases: [string, string][] = [
  ['parentheses', `select id from Task where ${'('.repeat(DEEP)}name is "x"${')'.repeat(DEEP)}`],
  ['not', `select id from Task where ${'not '.repeat(DEEP)}name is "x"`],
  ['unclosed parentheses', `select id from Task where ${'('.repeat(DEEP)}`],
  ['has bodies', `select id from Task where ${'parent has ('.repeat(DEEP)}name is "x"${')'.repeat(DEEP)}`],
  ['subqueries', `select id from Task where ${'id in (select id from Task where '.repeat(DEEP)}name is "x"${')'.repeat(DEEP)}`],
  ['mixed', `select id from Task where ${'not ( parent any ('.repeat(DEEP / 2)}name is "x"${'))'.repeat(DEEP / 2)}`],
];

describe('deeply nested queries', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ apiKey: 'k' });
  });
  afterAll(() => server.close());

  it.each(cases)('%s 50k deep: ParseError naming the limit, in both API modes', async (_name, expression) => {
    for (const strict of [false, true]) {
      const { status, body } = await callApi<ErrorBody>(server, [{ action: 'query', expression }], strict ? { 'ftrack-strict-api': 'true' } : {});
      expect(body).toMatchObject({ exception: 'ParseError', error_code: 'query_too_deep' });
      expect(body.content).toMatch(new RegExp(`nests deeper than ${MAX_CONDITION_DEPTH} levels`));
      expect(body.content).not.toMatch(/Internal server error|call stack/i);
      expect(status).toBe(strict ? 400 : 200);
    }
    // …and the server still answers.
    expect((await query(server, 'select id from Project limit 1')).data).toHaveLength(1);
  });

  it(`accepts nesting up to the limit (${MAX_CONDITION_DEPTH} levels) and evaluates it`, async () => {
    const project = (await query(server, 'select id, name from Project limit 1')).data[0]!;
    const parens = `${'('.repeat(MAX_CONDITION_DEPTH)}name is "${String(project.name)}"${')'.repeat(MAX_CONDITION_DEPTH)}`;
    expect((await query(server, `select id from Project where ${parens}`)).data.map((row) => row.id)).toEqual([project.id]);
    const nots = `${'not '.repeat(MAX_CONDITION_DEPTH)}name is "${String(project.name)}"`; // an even count cancels out
    expect((await query(server, `select id from Project where ${nots}`)).data.map((row) => row.id)).toEqual([project.id]);
    const tooDeep = `select id from Project where ${'('.repeat(MAX_CONDITION_DEPTH + 1)}name is "x"${')'.repeat(MAX_CONDITION_DEPTH + 1)}`;
    const { body } = await callApi<ErrorBody>(server, [{ action: 'query', expression: tooDeep }]);
    expect(body.exception).toBe('ParseError');
  });

  it('long flat conditions are not nesting: 20k terms joined by and/or are fine', async () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `name is "n${i}"`);
    const answer = await query(server, `select id from Task where ${terms.join(' or ')} or ${terms.join(' and ')}`);
    expect(answer.data).toEqual([]);
  });
});
