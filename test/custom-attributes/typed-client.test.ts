import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenerate } from '../../codegen/index.js';
import { Session, type SchemaMetadata } from '../../runtime/index.js';
import type { Operation } from '../../runtime/protocol/index.js';
import { UndiciTransport } from '../../runtime/transport/undici-transport.js';
import type { Transport, TransportRequest } from '../../runtime/transport/transport.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { typeCheck, type TypeCheckResult } from '../codegen/support/type-check.js';
import { query } from '../server/support/api-client.js';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';
import { tempDir } from '../support/temp-dirs.js';

// Issue 12 (items 2-4, acceptance 1): a client generated from the local server with workspace-a and
// `--seed custom-attributes` types custom attributes per entity type, picks the configuration of a
// new key by entity type and object type (fstart: Sequence number, Shot text) without a request,
// queries them by value type, and reads hierarchical values through getInherited.

/** A generated app: type-level checks of the generated client (each @ts-expect-error must be an error). */
const APP = `
import type { Dayjs } from 'dayjs';
import { createSession, q, type Sequence, type Shot, type Task } from './index.js';

export function reads(shot: Shot, sequence: Sequence, task: Task): void {
  const fps: number | null = shot.custom_attributes.get('fps');
  const label: string | null = shot.custom_attributes.get('fstart');
  const start: number | null = sequence.custom_attributes.get('fstart');
  const review: boolean | null = shot.custom_attributes.get('client_review');
  const delivery: Dayjs | null = shot.custom_attributes.get('delivery');
  const tags: readonly ('fx' | 'crowd' | 'water' | 'hero')[] | null = shot.custom_attributes.get('tags');
  const stage: 'blocking' | 'spline' | 'polish' | null = task.custom_attributes.get('stage');
  console.log(fps, label, start, review, delivery, tags, stage);
  // @ts-expect-error a typo in a key
  shot.custom_attributes.get('fsp');
  // @ts-expect-error fstart of a Shot is text
  const wrong: number | null = shot.custom_attributes.get('fstart');
  // @ts-expect-error stage is configured for tasks, not shots
  shot.custom_attributes.get('stage');
  console.log(wrong);
}

export function writes(shot: Shot, sequence: Sequence, task: Task, when: Dayjs): void {
  shot.custom_attributes.set('fps', 25);
  shot.custom_attributes.set('fstart', 'A1001');
  sequence.custom_attributes.set('fstart', 1001);
  shot.custom_attributes.set('delivery', when);
  shot.custom_attributes.set('tags', ['fx', 'water']);
  task.custom_attributes.set('stage', 'polish');
  // @ts-expect-error fps is a number
  shot.custom_attributes.set('fps', '25');
  // @ts-expect-error fstart of a Sequence is a number
  sequence.custom_attributes.set('fstart', 'A1001');
  // @ts-expect-error not an option of stage
  task.custom_attributes.set('stage', 'final');
  // @ts-expect-error tags is multi-select: a list of options
  shot.custom_attributes.set('tags', 'fx');
  // @ts-expect-error not an option of tags
  shot.custom_attributes.set('tags', ['smoke']);
  // @ts-expect-error unknown key
  shot.custom_attributes.set('fsp', 25);
}

export async function inherited(shot: Shot): Promise<number | null> {
  return shot.custom_attributes.getInherited('fps');
}

export function queries(): string[] {
  const texts = [
    q.Shot.where((s) => s.custom_attributes.fps.gte(24)).toString(),
    q.Shot.where((s) => s.custom_attributes.fstart.like('A%')).toString(),
    q.Sequence.where((s) => s.custom_attributes.fstart.gt(1000)).toString(),
    q.Shot.where((s) => s.custom_attributes.client_review.eq(true)).toString(),
    q.Shot.where((s) => s.custom_attributes.delivery.after('2026-04-01')).toString(),
    q.Shot.where((s) => s.custom_attributes.tags.eq('fx')).toString(),
    q.Task.where((t) => t.custom_attributes.stage.in(['polish', 'spline'])).toString(),
  ];
  // @ts-expect-error fps compares with numbers
  q.Shot.where((s) => s.custom_attributes.fps.gte('24'));
  // @ts-expect-error not an option of tags
  q.Shot.where((s) => s.custom_attributes.tags.eq('smoke'));
  // @ts-expect-error unknown key
  q.Shot.where((s) => s.custom_attributes.fsp.gte(24));
  // @ts-expect-error text has no gte
  q.Shot.where((s) => s.custom_attributes.fstart.gte(1));
  return texts;
}

export async function create(): Promise<void> {
  await using session = createSession();
  const sequence = session.create('Sequence', { name: 'sq' });
  sequence.custom_attributes.set('fstart', 1001);
  // @ts-expect-error not supported: set the keys on the new entity (ftrack refuses custom_attributes in a create)
  session.create('Shot', { name: 'sh', custom_attributes: { fps: 24 } });
}
`;

interface GeneratedClient {
  readonly schemaMetadata: SchemaMetadata;
  readonly q: Record<string, { where(cb: (fields: Record<string, Record<string, Record<string, (...args: unknown[]) => unknown>>>) => unknown): { toString(): string } }>;
  createSession(options: Record<string, unknown>): Session;
}

interface TypedMap {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  getInherited(key: string): Promise<unknown>;
}

type Row = Record<string, unknown> & { custom_attributes: TypedMap; id: string; name: string };

/** A transport that records the operations of every request. */
class CountingTransport implements Transport {
  readonly requests: Operation[][] = [];
  constructor(readonly inner: Transport) {}
  get closed(): boolean {
    return this.inner.closed;
  }
  send(request: TransportRequest): Promise<unknown[]> {
    this.requests.push([...request.operations]);
    return this.inner.send(request);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

if (!hasShared) console.warn(`[skip] typed custom attributes on workspace-a: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('typed custom attributes (client generated from the local server, workspace-a)', () => {
  let server: ServerHandle;
  let dir: string;
  let client: GeneratedClient;
  let checked: Promise<TypeCheckResult>;
  const sessions: Session[] = [];
  const open = (withMetadata = true) => {
    const transport = new CountingTransport(new UndiciTransport({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey }));
    const options = { serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, transport };
    // without metadata: the generated schema alone (as a client generated before custom attributes were typed)
    const session = withMetadata
      ? client.createSession(options)
      : new Session({ ...options, schema: { schemaHash: client.schemaMetadata.schemaHash, schemas: client.schemaMetadata.schemas } });
    sessions.push(session);
    return { session, transport };
  };
  const raw = async (expression: string) => (await query(server, expression)).data;
  const rawValues = async (type: string) => {
    const rows = await raw(`select id, name, custom_attributes from ${type}`);
    return new Map(rows.map((row) => [String(row.id), new Map((row.custom_attributes as { key: string; value: unknown }[]).map((i) => [i.key, i.value]))]));
  };

  beforeAll(async () => {
    server = await startServer({ schema: workspaceASchema(), seed: 'custom-attributes' });
    dir = tempDir('ca-typed');
    await runGenerate({ server: server.url, apiUser: server.apiUser, apiKey: server.apiKey, out: dir, env: {} });
    writeFileSync(join(dir, 'app.ts'), APP);
    checked = typeCheck(dir, ['app.ts']);
    client = (await import(join(dir, 'index.ts'))) as GeneratedClient;
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await server?.close();
  });

  it('types each key by its configuration: value types, enumerator options, unknown keys and wrong values do not compile', async () => {
    const result = await checked;
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('reads typed values: numbers, text, booleans, dates as Dayjs, enumerators (single: one option, multi: a list)', async () => {
    const { session } = open();
    const shots = (await session.query('select id, name, custom_attributes from Shot').all()) as unknown as Row[];
    const stored = await rawValues('Shot');
    expect(shots.length).toBeGreaterThan(3);
    for (const shot of shots) {
      const want = stored.get(shot.id)!;
      const ca = shot.custom_attributes;
      expect(ca.get('fps')).toBe(want.get('fps'));
      expect(typeof ca.get('fps')).toBe('number');
      expect(ca.get('fstart')).toBe(want.get('fstart'));
      expect(typeof ca.get('fstart')).toBe('string');
      expect(ca.get('client_review')).toBe(want.get('client_review'));
      const delivery = want.get('delivery') as { value: string } | null;
      const read = ca.get('delivery');
      if (delivery === null) expect(read).toBeNull();
      else expect(dayjs.isDayjs(read) && (read as dayjs.Dayjs).toISOString()).toBe(new Date(`${delivery.value}Z`).toISOString());
      expect(ca.get('tags')).toEqual(want.get('tags'));
    }
    const tasks = (await session.query('select id, custom_attributes from Task').all()) as unknown as Row[];
    const storedTasks = await rawValues('Task');
    const stages = tasks.map((task) => [task.custom_attributes.get('stage'), (storedTasks.get(task.id)!.get('stage') as string[])[0] ?? null]);
    expect(stages.length).toBeGreaterThan(0);
    for (const [typed, stored] of stages) expect(typed).toBe(stored);
    expect(stages.some(([typed]) => typed === 'polish')).toBe(true);
  });

  it('sets typed values on existing entities (a single-select option is stored as a one-item list)', async () => {
    const { session } = open();
    const [shot] = (await session.query('select id, custom_attributes from Shot where name is "sh010" and parent.name is "sq010" and project.name is "alpha"').all()) as unknown as Row[];
    const [task] = (await session.query(`select id, custom_attributes from Task where parent_id is "${shot!.id}"`).all()) as unknown as Row[];
    const ca = shot!.custom_attributes;
    ca.set('fps', 50);
    ca.set('fstart', 'A0999');
    ca.set('client_review', false);
    ca.set('delivery', dayjs('2026-06-01T10:00:00Z'));
    ca.set('tags', ['water', 'crowd']);
    task!.custom_attributes.set('stage', 'spline');
    await session.commit();
    const after = (await rawValues('Shot')).get(shot!.id)!;
    expect([after.get('fps'), after.get('fstart'), after.get('client_review'), (after.get('delivery') as { value: string }).value, after.get('tags')]).toEqual([
      50,
      'A0999',
      false,
      '2026-06-01T10:00:00',
      ['water', 'crowd'],
    ]);
    expect((await rawValues('Task')).get(task!.id)!.get('stage')).toEqual(['spline']);
  });

  it('the same key for Sequence (number) and Shot (text): new entities get their own configuration, both in one commit request', async () => {
    for (const withMetadata of [true, false]) {
      const { session, transport } = open(withMetadata);
      const [project] = (await session.query('select id from Project where name is "bravo"').all()) as unknown as Row[];
      const before = transport.requests.length;
      const sequence = session.create('Sequence', { name: `sq-new-${withMetadata}`, parent: project!, project: project! }) as unknown as Row;
      const shot = session.create('Shot', { name: 'sh-new', parent: sequence, project: project! }) as unknown as Row;
      sequence.custom_attributes.set('fstart', 3001);
      shot.custom_attributes.set('fstart', 'N3001');
      await session.commit();
      const sent = transport.requests.slice(before);
      const commits = sent.filter((ops) => ops.some((op) => op.action === 'create'));
      expect(commits).toHaveLength(1);
      expect(commits[0]!.filter((op) => op.action === 'create').map((op) => (op as { entity_type: string }).entity_type)).toEqual(['Sequence', 'Shot']);
      // with generated metadata no look-up; without it, one batched look-up before the commit
      const lookups = sent.filter((ops) => ops.some((op) => op.action === 'query' && String((op as { expression: string }).expression).includes('CustomAttributeConfiguration')));
      expect(lookups).toHaveLength(withMetadata ? 0 : 1);
      expect(sent).toHaveLength(withMetadata ? 1 : 2);
      if (!withMetadata) expect((lookups[0]![0] as { expression: string }).expression).toMatch(/^select .*entity_type.*is_hierarchical.* from CustomAttributeConfiguration where key in \("fstart"\)$/);
      expect((await rawValues('Sequence')).get(sequence.id)!.get('fstart')).toBe(3001);
      expect((await rawValues('Shot')).get(shot.id)!.get('fstart')).toBe('N3001');
    }
  });

  it('reads the inherited value of a hierarchical attribute with getInherited (own value: get)', async () => {
    const { session } = open();
    const shots = (await session.query('select id, custom_attributes, link from Shot').all()) as unknown as Row[];
    // the seed: fps 25 on project alpha, 30 on alpha/sq020, 48 on bravo/sq010/sh020; default 24
    const setOn: Record<string, number> = { alpha: 25, 'alpha/sq020': 30, 'bravo/sq010/sh020': 48 };
    let inheritedOnly = 0;
    for (const shot of shots) {
      const names = (shot.link as { name: string }[]).map((entry) => entry.name);
      if (names.includes('sh-new') || names.includes('sh010') && names.includes('sq010') && names[0] === 'alpha') continue; // changed by other tests
      const prefixes = names.map((_, i) => names.slice(0, i + 1).join('/')).reverse();
      const expected = prefixes.map((path) => setOn[path]).find((value) => value !== undefined) ?? 24;
      expect(await shot.custom_attributes.getInherited('fps'), names.join('/')).toBe(expected);
      const own = setOn[names.join('/')] ?? 24;
      expect(shot.custom_attributes.get('fps')).toBe(own);
      if (expected !== own) inheritedOnly += 1;
    }
    expect(inheritedOnly).toBeGreaterThan(0);
  });

  it('queries by value type compile to custom_attributes any (key is … and value …) and match independently computed sets', async () => {
    const { session } = open();
    const q = client.q;
    const shots = await rawValues('Shot');
    const tasks = await rawValues('Task');
    const sequences = await rawValues('Sequence');
    const ids = (values: Map<string, Map<string, unknown>>, test: (v: Map<string, unknown>) => boolean) => new Set([...values].filter(([, v]) => test(v)).map(([id]) => id));
    const found = async (builder: { toString(): string }) => new Set(((await session.query(builder.toString()).all()) as unknown as Row[]).map((r) => r.id));
    const cases: [{ toString(): string }, string, Set<string>][] = [
      [q.Shot!.where((s) => s.custom_attributes!.fps!.gte!(30)), 'custom_attributes any (key is "fps" and value >= 30)', ids(shots, (v) => (v.get('fps') as number) >= 30)],
      [q.Shot!.where((s) => s.custom_attributes!.fstart!.like!('A%')), 'custom_attributes any (key is "fstart" and value like "A%")', ids(shots, (v) => String(v.get('fstart')).toUpperCase().startsWith('A'))],
      [q.Sequence!.where((s) => s.custom_attributes!.fstart!.gt!(1500)), 'custom_attributes any (key is "fstart" and value > 1500)', ids(sequences, (v) => (v.get('fstart') as number) > 1500)],
      [q.Shot!.where((s) => s.custom_attributes!.client_review!.eq!(true)), 'custom_attributes any (key is "client_review" and value is true)', ids(shots, (v) => v.get('client_review') === true)],
      [
        q.Shot!.where((s) => s.custom_attributes!.delivery!.after!('2026-04-01')),
        'custom_attributes any (key is "delivery" and value after "2026-04-01T00:00:00")',
        ids(shots, (v) => v.get('delivery') !== null && (v.get('delivery') as { value: string }).value > '2026-04-01T00:00:00'),
      ],
      [q.Shot!.where((s) => s.custom_attributes!.tags!.eq!('fx')), 'custom_attributes any (key is "tags" and value is "fx")', ids(shots, (v) => (v.get('tags') as string[]).includes('fx'))],
      [
        q.Task!.where((t) => t.custom_attributes!.stage!.in!(['polish', 'spline'])),
        'custom_attributes any (key is "stage" and value in ("polish", "spline"))',
        ids(tasks, (v) => (v.get('stage') as string[]).some((o) => o === 'polish' || o === 'spline')),
      ],
    ];
    for (const [builder, condition, expected] of cases) {
      expect(builder.toString()).toContain(`where ${condition}`);
      expect(expected.size, condition).toBeGreaterThan(0);
      expect(await found(builder), condition).toEqual(expected);
    }
  });
});
