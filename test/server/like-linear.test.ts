import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { likeMatcher } from '../../server/query/like-matcher.js';
import { query } from './support/api-client.js';
import { batch } from './support/demo-server.js';

// `like` must be linear in the value for every pattern: a backtracking matcher needs minutes for
// these patterns on a 10 MiB value (the per-test timeout is only a guard against that, not a
// speed target; speed lives in bench/).

const MiB = 1024 * 1024;

/** Reference semantics: lower-case both sides, `%` = any run, `_` = one code point, whole value. */
function reference(pattern: string, text: string): boolean {
  const source = Array.from(pattern.toLowerCase(), (ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'su').test(text.toLowerCase());
}

describe('like matcher semantics', () => {
  it('agrees with a regular-expression reference on random patterns and values', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', '_', '%', '😀', 'é', 'ab');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), fc.array(fc.constantFrom('a', 'b', 'B', '_', '%', '😀', 'É', 'x'), { maxLength: 40 }), (p, t) => {
        const pattern = p.join('');
        const text = t.join('');
        expect(likeMatcher(pattern).test(text)).toBe(reference(pattern, text));
      }),
      { numRuns: 3000 },
    );
  });

  it('lower-cases both sides, also where lower-casing changes the length', () => {
    expect(likeMatcher('İSTANBUL%').test('i̇stanbul!')).toBe(true);
    expect(likeMatcher('%İ_').test('xxİy')).toBe(true);
    expect(likeMatcher('%İ_').test('xxİ')).toBe(false);
    expect(likeMatcher('İİİ_').test('i̇i̇i̇x')).toBe(true);
    expect(likeMatcher('İİİ_').test('i̇i̇i̇')).toBe(false);
    expect(reference('%İ_', 'xxİy')).toBe(true);
  });

  it('handles pieces longer than one machine word with wildcards', () => {
    const piece = `${'x_'.repeat(40)}y`; // 81 characters: three 32-bit words
    const text = `${'x'.repeat(500)}${'xq'.repeat(40)}y${'x'.repeat(500)}`;
    expect(likeMatcher(`%${piece}%`).test(text)).toBe(true);
    expect(reference(`%${piece}%`, text)).toBe(true);
    expect(likeMatcher(`%${piece}%`).test(text.replace('xqy', 'xqz'))).toBe(false);
    expect(likeMatcher(`%${piece}`).test(text)).toBe(false);
  });
});

describe('like on a 10 MiB value', () => {
  const value = `${'a'.repeat(10 * MiB)}b`;

  it.each([
    [`%${'a'.repeat(1000)}b`, true],
    [`%${'a'.repeat(1000)}c`, false],
    [`%${'a_'.repeat(500)}b`, true],
    [`%${'a_'.repeat(500)}c%`, false],
    [`%${'a_'.repeat(10)}c%`, false],
    ['%a%a%a%a%a%a%a%a%a%a%a%a%c', false],
    ['%a%a%a%a%a%a%a%a%a%a%a%a%b', true],
    [`${'_'.repeat(1000)}%${'_'.repeat(1000)}`, true],
    [`A${'%A'.repeat(200)}%B`, true],
  ])('matcher: %# answers correctly', (pattern, expected) => {
    expect(likeMatcher(pattern).test(value)).toBe(expected);
  }, 10_000);

  describe('over HTTP', () => {
    let server: ServerHandle;
    beforeAll(async () => {
      server = await startServer({ apiKey: 'k', bodyLimit: 32 * MiB });
      await batch(server, [{ action: 'create', entity_type: 'User', entity_data: { id: 'huge-user', username: 'huge', first_name: value } }]);
    }, 30_000);
    afterAll(() => server.close());

    it.each([
      [`%${'a'.repeat(1000)}b`, ['huge-user']],
      [`%${'a'.repeat(1000)}c`, []],
      [`%${'a_'.repeat(500)}b`, ['huge-user']],
      [`%${'a_'.repeat(500)}c%`, []],
      ['%a%a%a%a%a%a%a%a%a%a%a%a%c', []],
    ])('first_name like (pattern %#) answers with the right rows', async (pattern, ids) => {
      const answer = await query(server, `select id from User where first_name like "${pattern}"`);
      expect(answer.data.map((row) => row.id)).toEqual(ids);
      const negated = await query(server, `select id from User where first_name not_like "${pattern}" and id is "huge-user"`);
      expect(negated.data.map((row) => row.id)).toEqual(ids.length === 0 ? ['huge-user'] : []);
    }, 20_000); // two queries, each a full scan of the 10 MiB value
  });
});
