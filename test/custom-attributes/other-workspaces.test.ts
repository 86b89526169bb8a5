import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateClient, type CustomAttributeConfig, type WorkspaceMetadata } from '../../codegen/index.js';
import type { SchemaMetadata } from '../../runtime/index.js';
import { demoSchema } from '../../server/demo/index.js';
import { OBJECT_TYPE_IDS } from '../../server/demo/ids.js';
import { demoWorkspace } from '../codegen/support/demo-workspace.js';
import { typeCheck, writeFiles, type TypeCheckResult } from '../codegen/support/type-check.js';
import { tempDir } from '../support/temp-dirs.js';

// Issue 12 ("cases you will not see"): configurations other workspaces have — keys that are not
// identifiers or that name members (`__proto__`, `key`), the same key on an abstract type and on a
// subtype with another type, a dynamic enumerator without options, a label closing a comment — give a
// client that compiles, types what it can, and queries every key.

const config = (key: string, type: string, objectTypeId: string | null, extra: Partial<CustomAttributeConfig> = {}): CustomAttributeConfig => ({
  id: `00000000-0000-4000-8000-${String(key.length).padStart(4, '0')}${Buffer.from(key).toString('hex').slice(0, 8).padEnd(8, '0')}`,
  key,
  label: `${key} */ label`,
  type,
  entityType: 'task',
  objectTypeId,
  projectId: null,
  isHierarchical: false,
  default: null,
  config: {},
  options: [],
  multiSelect: false,
  ...extra,
});

const APP = `
import { q, type Shot, type TypedContext } from './index.js';

export function reads(shot: Shot, context: TypedContext): void {
  const start: number | null = shot.custom_attributes.get('frame-start');
  const proto: string | null = shot.custom_attributes.get('__proto__');
  const flag: boolean | null = shot.custom_attributes.get('key');
  const source: string | null = shot.custom_attributes.get('source');
  // the same key as text on every typed context and as a number on shots: both types
  const end: number | string | null = shot.custom_attributes.get('fend');
  const common: string | null = context.custom_attributes.get('fend');
  console.log(start, proto, flag, source, end, common);
  // @ts-expect-error unknown key
  shot.custom_attributes.get('frame_start');
}

export const texts = [
  q.Shot.where((s) => s.custom_attributes['frame-start'].gt(1)).toString(),
  q.Shot.where((s) => s.custom_attributes.__proto__.eq('x')).toString(),
  q.Shot.where((s) => s.custom_attributes.entry('key').eq(true)).toString(),
  q.Shot.where((s) => s.custom_attributes.source.eq('feed')).toString(),
];
`;

describe('typed custom attributes of other workspaces', () => {
  let dir: string;
  let checked: Promise<TypeCheckResult>;
  beforeAll(async () => {
    const demo = (await demoWorkspace())!;
    const workspace: WorkspaceMetadata = {
      ...demo,
      customAttributes: [
        ...demo.customAttributes,
        config('frame-start', 'number', null),
        config('__proto__', 'text', OBJECT_TYPE_IDS.Shot),
        config('key', 'boolean', OBJECT_TYPE_IDS.Shot),
        config('fend', 'text', null),
        config('source', 'dynamic enumerator', OBJECT_TYPE_IDS.Shot),
      ],
    };
    dir = tempDir('ca-other');
    writeFiles(dir, generateClient(demoSchema, { workspace }).files);
    writeFileSync(join(dir, 'app.ts'), APP);
    checked = typeCheck(dir, ['app.ts']);
  });

  it('generates a client that compiles, with a Shot interface standing alone where its keys differ from its base', async () => {
    const result = await checked;
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
    const entities = readFileSync(join(dir, 'entities.d.ts'), 'utf8');
    expect(entities).toMatch(/export interface Shot extends Entity</);
    expect(entities).toMatch(/export interface Sequence extends TypedContext \{/);
    expect(readFileSync(join(dir, 'custom-attributes.ts'), 'utf8')).toContain('frame-start *\\/ label');
  });

  it('queries every key, also those that are not identifiers; a key named like a member goes through entry()', async () => {
    const client = (await import(join(dir, 'index.ts'))) as { q: Record<string, { where(cb: (f: Record<string, Record<string, Record<string, (v: unknown) => unknown>>>) => unknown): { toString(): string } }>; schemaMetadata: SchemaMetadata };
    const shot = client.q.Shot!;
    expect(shot.where((s) => s.custom_attributes!['frame-start']!.gt!(1)).toString()).toContain('where custom_attributes any (key is "frame-start" and value > 1)');
    expect(shot.where((s) => s.custom_attributes!.__proto__!.eq!('x')).toString()).toContain('where custom_attributes any (key is "__proto__" and value is "x")');
    expect(shot.where((s) => (s.custom_attributes!.entry as unknown as (k: string) => Record<string, (v: unknown) => unknown>)('key').eq!(true)).toString()).toContain(
      'where custom_attributes any (key is "key" and value is true)',
    );
    // the key fields come from the generated metadata: Shot's configurations include the added ones
    const shotIds = client.schemaMetadata.customAttributes!.entityTypes.Shot!.custom_attributes!;
    expect(client.schemaMetadata.customAttributes!.configurations.filter((c) => shotIds.includes(c.id)).map((c) => c.key)).toEqual(expect.arrayContaining(['frame-start', '__proto__', 'key', 'source']));
  });
});
