import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { raw } from 'ftrack-codegen';
import { q } from '../../generated/index.js';
import { keysWhere } from './support/demo-oracle.js';
import { useDemoSession } from './support/round-trip.js';

// Acceptance 3: no stored string can change the structure of a typed query. Random hostile names
// are stored through the generated client and `q.Priority.where(p => p.name.eq(s))` must find
// exactly the entities named s (those created here plus any seed row with that name). Priority names
// are typed by the demo workspace's values, so the new names go through raw().

const session = useDemoSession();

const fragment = fc.constantFrom('"', '\\', "'", '\\"', '%', '_', '\n', '\r\n', '\t', '" or name like "%', '") or (name is_not "', ') or (', 'None', 'é', '😀', '\u0000', ' ');
const hostileName = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.array(fc.oneof(fragment, fc.string({ maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join('')),
);

describe('typed queries are injection-safe (generated demo client ↔ local server)', () => {
  it('finds exactly the entities named s, for 1,000 random hostile names s', async () => {
    const created = new Map<string, string[]>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(hostileName, async (name) => {
        runs++;
        const priority = session().create('Priority', { name });
        await session().commit();
        created.set(name, [...(created.get(name) ?? []), priority.id]);

        const rows = await session().query(q.Priority.select('name').where((p) => p.name.eq(raw(name)))).all();
        const expected = [...created.get(name)!, ...keysWhere('Priority', (r) => r.name === name)].sort();
        expect(rows.map((row) => row.id).sort()).toEqual(expected);
        expect(rows.every((row) => row.name === name)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(runs).toBeGreaterThanOrEqual(1000);
    expect([...created.keys()].some((name) => /["\\%_]/.test(name))).toBe(true);
  });
});
