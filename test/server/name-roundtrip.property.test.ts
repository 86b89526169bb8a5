import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeBatch } from '../../server/api/execute-batch.js';
import { demoSchema } from '../../server/demo/index.js';
import { Workspace } from '../../server/store/workspace.js';

// Any string stored as a name is found again by `name is "<escaped>"` and matches nothing else.
// Runs in-process (the same batch executor the HTTP layer calls) to afford 1,000+ cases.

const escapeDouble = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const escapeSingle = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const options = { strict: false, denormalize: false };

describe('name round-trip (property)', () => {
  it('name is "<escaped>" finds exactly the rows with that name', () => {
    const workspace = new Workspace(demoSchema);
    const stored: { id: string; name: string }[] = [];
    const tricky = fc.constantFrom('', ' ', '"', "'", '\\', '\\"', '%', '_', 'a%b', '\n', 'and', 'None', 'null', ')', '(', ',', '=', 'é', '😀', '\u0000');
    const names = fc.oneof(fc.string({ unit: 'binary', maxLength: 24 }), tricky, fc.string({ unit: fc.constantFrom('"', "'", '\\', '%', '_', ' ', 'a'), maxLength: 8 }));
    fc.assert(
      fc.property(names, fc.boolean(), (name, singleQuotes) => {
        const created = executeBatch(workspace, [{ action: 'create', entity_type: 'Priority', entity_data: { name } }], options);
        if (!created.ok) throw new Error(created.error.content);
        const id = (created.results[0] as { data: { id: string } }).data.id;
        stored.push({ id, name });
        const literal = singleQuotes ? escapeSingle(name) : escapeDouble(name);
        const found = executeBatch(workspace, [{ action: 'query', expression: `select id, name from Priority where name is ${literal}` }], options);
        if (!found.ok) throw new Error(`${found.error.content} for ${JSON.stringify(name)}`);
        const data = (found.results[0] as { data: { id: string; name: string }[] }).data;
        const expected = stored.filter((s) => s.name === name).map((s) => s.id);
        const seedMatches = data.filter((row) => !stored.some((s) => s.id === row.id));
        expect(data.every((row) => row.name === name)).toBe(true);
        expect(data.map((row) => row.id).filter((rowId) => !seedMatches.some((m) => m.id === rowId))).toEqual(expected);
      }),
      { numRuns: 1200 },
    );
    expect(stored.length).toBeGreaterThanOrEqual(1200);
  });
});
