import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitRejectedError, CommitValidationError, Session } from 'ftrack-codegen';
import { startServer, type ServerHandle } from '../../server/index.js';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';

// The session leaves base types to the server unless their subtypes are told apart by classifiers.
if (!hasShared) console.warn(`[skip] session base types on workspace-a: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('creating base types through the session on workspace-a', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ schema: workspaceASchema() });
  });
  afterAll(() => server?.close());
  const open = () => new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });

  it('creates base types a real server creates directly', async () => {
    await using session = open();
    await session.ready();
    const container = session.create('ContainerComponent', { name: 'plates' });
    const label = session.create('NoteLabel', { name: 'urgent', color: '#ff0000' });
    await session.commit();
    expect(container.$state).toBe('unchanged');
    expect(label.$state).toBe('unchanged');
    await using other = open();
    const rows = await other.query(`select name, system_type from ContainerComponent where id is "${String(container.id)}"`).all();
    expect(rows.map((row) => [row.name, row.system_type])).toEqual([['plates', 'container']]);
  });

  it('refuses a classified base before sending, and reports the server refusing another base', async () => {
    await using session = open();
    await session.ready();
    session.create('TypedContext', { name: 'x' });
    await expect(session.commit()).rejects.toThrow(CommitValidationError);
    session.rollback();
    session.create('Context', { name: 'y' });
    const error = await session.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitRejectedError);
    expect((error as CommitRejectedError).content).toMatch(/abstract/);
    expect(session.pending.operations).toHaveLength(1);
  });
});
