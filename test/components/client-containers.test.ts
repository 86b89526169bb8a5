import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, BaseEntity, type AnyEntity, type Session } from '../../runtime/index.js';
import { parseSequence } from '../../runtime/files/node-sequence.js';
import type { ServerHandle } from '../../server/index.js';
import { hasShared, SHARED_MISSING } from '../support/shared.js';
import { bytesOf, sameBytes, spySession, startFileServer, tempFolder, type SpyHttp } from './client-support.js';

// Issue 15, item 1: container and sequence components (members first, one registering batch).
if (!hasShared) console.warn(`[skip] files client tests: ${SHARED_MISSING}`);

const SERVER_LOCATION_ID = '3a372bde-05bc-11e4-8908-20c9d081909b';
const json = (row: unknown) => (row as BaseEntity).toJSON();

describe('parseSequence', () => {
  it('reads head, padding, tail and frame ranges', () => {
    const sequence = parseSequence('/seq/plate.%04d.exr [1-3, 7]');
    expect(sequence.padding).toBe(4);
    expect(sequence.fileName).toBe('plate.exr');
    expect(sequence.members).toEqual([
      { path: '/seq/plate.0001.exr', name: '0001' },
      { path: '/seq/plate.0002.exr', name: '0002' },
      { path: '/seq/plate.0003.exr', name: '0003' },
      { path: '/seq/plate.0007.exr', name: '0007' },
    ]);
    expect(parseSequence('/x/f_%d.dpx [9-10]')).toMatchObject({ padding: 0, fileName: 'f.dpx', members: [{ name: '9' }, { name: '10' }] });
    expect(() => parseSequence('/seq/plate.0001.exr')).toThrow(ArgumentError);
    expect(() => parseSequence('/seq/plate.%04d.exr [5-2]')).toThrow(ArgumentError);
  });
});

describe.skipIf(!hasShared)('createSequence / createContainer', () => {
  let server: ServerHandle;
  let session: Session;
  const spy: { http?: SpyHttp } = {};
  const folder = tempFolder();
  beforeAll(async () => {
    server = await startFileServer();
    session = spySession(server, spy);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    folder.remove();
  });

  it('a sequence from a pattern: members uploaded, SequenceComponent with padding and summed size, every ComponentLocation registered', async () => {
    const frames = [1, 2, 3].map((frame) => {
      const bytes = bytesOf(1000 + frame, frame);
      writeFileSync(join(folder.path, `plate.000${frame}.exr`), bytes);
      return bytes;
    });
    const progress: number[] = [];
    const { container, members } = await session.createSequence(`${folder.path}/plate.%04d.exr [1-3]`, { onProgress: (p) => progress.push(p.loaded) });
    expect(json(container)).toMatchObject({ __entity_type__: 'SequenceComponent', name: 'plate', file_type: '.exr', padding: 4, size: 3006 });
    expect(members.map((member) => json(member))).toEqual(frames.map((_, i) => expect.objectContaining({ name: `000${i + 1}`, file_type: '.exr', size: 1001 + i, container_id: container.id })));
    const ids = [container, ...members].map((entity: AnyEntity) => `"${String(entity.id)}"`).join(', ');
    const [located] = await session.call([{ action: 'query', expression: `select component_id, location_id from ComponentLocation where component_id in (${ids})` }]);
    expect(located.data).toHaveLength(4);
    expect(located.data.every((row) => row.location_id === SERVER_LOCATION_ID)).toBe(true);
    for (const [i, member] of members.entries()) {
      const response = await fetch(session.getComponentUrl(String(member.id)));
      expect(sameBytes(new Uint8Array(await response.arrayBuffer()), frames[i]!)).toBe(true);
    }
    expect(progress.at(-1)).toBe(3006);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThan(progress[i - 1]!);
  });

  it('a container: a member failing leaves neither the container nor any member', async () => {
    const id = randomUUID();
    spy.http!.fault = (put) => (put.size === 77 ? { status: 403 } : undefined);
    try {
      const error = await session
        .createContainer([{ source: bytesOf(50), name: 'a' }, { source: bytesOf(77), name: 'b' }], { name: 'bundle', data: { id } })
        .then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'FILE_TRANSFER', status: 403 });
    } finally {
      spy.http!.fault = () => undefined;
    }
    const [containers, members] = await session.call([
      { action: 'query', expression: `select id from Component where id is "${id}"` },
      { action: 'query', expression: `select id from Component where container_id is "${id}"` },
    ]);
    expect([containers.data.length, members.data.length]).toEqual([0, 0]);
    const made = await session.createContainer([{ source: bytesOf(50), name: 'a' }, { source: bytesOf(77), name: 'b' }], { name: 'bundle' });
    expect(json(made.container)).toMatchObject({ __entity_type__: 'ContainerComponent', name: 'bundle', size: 127 });
    // Success: the container and both members are in ftrack.server, and each member serves its bytes.
    const ids = [made.container, ...made.members].map((entity: AnyEntity) => `"${String(entity.id)}"`).join(', ');
    const [located] = await session.call([{ action: 'query', expression: `select component_id, location_id from ComponentLocation where component_id in (${ids})` }]);
    expect(located.data.filter((row) => row.location_id === SERVER_LOCATION_ID)).toHaveLength(3);
    for (const [i, member] of made.members.entries()) {
      const response = await fetch(session.getComponentUrl(String(member.id)));
      expect(sameBytes(new Uint8Array(await response.arrayBuffer()), bytesOf([50, 77][i]!))).toBe(true);
    }
  });
});
