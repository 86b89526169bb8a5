import { describe, expect, it } from 'vitest';
import { RequestAbortedError } from '../../runtime/index.js';
import type { Operation } from '../../runtime/protocol/operations.js';
import { DiskLocation } from '../../runtime/files/node-disk-location.js';
import type { CallApi } from '../../runtime/files/server-upload.js';
import { tempDir } from '../support/temp-dirs.js';

// Review finding: the disk location's `Location` id is looked up once, shared by concurrent callers;
// one caller's abort ends only its own wait, and a failed look-up is retried by the next call.
const prefix = tempDir('disk-location-id');

/** A `CallApi` answering the `Location` query with `answers` in turn (an Error is thrown); released by `release()`. */
function fakeCall(answers: (string | Error)[]) {
  const seen: { operations: Operation[]; signal: AbortSignal | undefined }[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const call: CallApi = async (operations, signal) => {
    seen.push({ operations, signal });
    // Like the real transport: the call's own signal ends it.
    signal?.throwIfAborted();
    await (signal === undefined ? gate : Promise.race([gate, new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))]));
    if (operations[0]?.action !== 'query') return [{}];
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return [{ data: answer === undefined ? [] : [{ id: answer }] }];
  };
  return { call, seen, release };
}

const disk = (call: CallApi) => new DiskLocation('studio.test', { prefix, structure: 'id' }, call, (component) => String(component));

describe('DiskLocation.locationId', () => {
  it('one look-up for concurrent callers, started without a caller signal; an abort fails only its own caller', async () => {
    const fake = fakeCall(['loc-1']);
    const location = disk(fake.call);
    const controller = new AbortController();
    const first = location.locationId(fake.call, controller.signal);
    const second = location.locationId(fake.call, undefined);
    controller.abort(new Error('stop'));
    await expect(first).rejects.toBeInstanceOf(RequestAbortedError);
    fake.release();
    await expect(second).resolves.toBe('loc-1');
    await expect(location.locationId(fake.call, undefined)).resolves.toBe('loc-1');
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]!.signal).toBeUndefined();
  });

  it('an already aborted caller starts no look-up', async () => {
    const fake = fakeCall(['loc-1']);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(disk(fake.call).locationId(fake.call, controller.signal)).rejects.toBeInstanceOf(RequestAbortedError);
    expect(fake.seen).toHaveLength(0);
  });

  it('a failed look-up is forgotten: the next call looks up again', async () => {
    const failure = new Error('server down');
    const fake = fakeCall([failure, 'loc-2']);
    fake.release();
    const location = disk(fake.call);
    await expect(location.locationId(fake.call, undefined)).rejects.toBe(failure);
    await expect(location.locationId(fake.call, undefined)).resolves.toBe('loc-2');
    expect(fake.seen).toHaveLength(2);
  });
});
