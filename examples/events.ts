/**
 * Events with the typed client: an action and a status listener, talking through the event hub.
 *
 *   FTRACK_SERVER=… FTRACK_API_USER=… FTRACK_API_KEY=… npx tsx examples/events.ts
 *
 * Without FTRACK_SERVER it starts the local server (demo workspace), which is also an event hub.
 * Two sessions: "pipeline" registers an action that lists the shots of a sequence and listens to
 * `ftrack.update` for status changes; "artist" discovers and launches the action (publish + reply),
 * then changes a shot's status and commits, which the server announces as an `ftrack.update`.
 */
import { pathToFileURL } from 'node:url';
import type { EventHub, Session } from 'ftrack-codegen';
import { createSession, q, type EntityTypeMap, type Workspace } from '../generated/index.js';
import type { Log } from './support/request-log.js';

export interface EventsOptions {
  readonly serverUrl: string;
  readonly apiUser: string;
  /** Used for the sessions only; never printed. */
  readonly apiKey: string;
  /** Where the output goes; default `console.log`. */
  readonly log?: Log;
}

/** What a run did, for the demo's summary. */
export interface EventsSummary {
  readonly actions: number;
  readonly shots: number;
  readonly statusChanges: number;
}

const IDENTIFIER = 'examples.list-shots';
const timeoutMs = 10_000;

/**
 * Runs the example against `serverUrl`; rejects when a reply or the status change does not arrive.
 * @example
 * const summary = await runEvents({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, log: (l) => lines.push(l) });
 * // lines: '[artist] → ftrack.action.discover, selection: Sequence sq010', '[artist] ← reply: List shots (examples.list-shots)', …, '[pipeline] status change: Shot sh010: In progress → Not started (by admin)'
 */
export async function runEvents(options: EventsOptions): Promise<EventsSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const open = () => createSession({ serverUrl: options.serverUrl, apiUser: options.apiUser, apiKey: options.apiKey });
  await using pipeline = open();
  await using artist = open();

  // The action: offered for a selection of one sequence; on launch, lists the sequence's shots.
  pipeline.eventHub.registerAction({
    identifier: IDENTIFIER,
    label: 'List shots',
    discover: (event) => event.data.selection.length === 1,
    launch: async (event) => {
      const sequenceId = event.data.selection[0]!.entityId;
      const shots = await pipeline.query(q.Shot.where((s) => s.parent_id.eq(sequenceId)).select('name')).all();
      const names = shots.map((shot) => shot.name).sort();
      log(`[pipeline] launch: ${shots.length} shots in the sequence`);
      return { success: true, message: `${shots.length} shots: ${names.join(', ')}` };
    },
  });

  // The listener: `ftrack.update` is typed by the generated client; entities narrow on entity_type.
  const changes: string[] = [];
  let heard: () => void = () => undefined;
  const statusHeard = new Promise<void>((resolve) => (heard = resolve));
  pipeline.eventHub.subscribe('topic=ftrack.update', async (event) => {
    for (const entity of event.data.entities) {
      if (entity.entity_type !== 'Shot' || entity.changes.status_id === undefined) continue;
      const { old, new: now } = entity.changes.status_id;
      const shot = await pipeline.query(q.Shot.where((s) => s.id.eq(entity.entityId)).select('name')).first();
      const line = `status change: Shot ${shot?.name ?? entity.entityId}: ${await statusName(pipeline, old)} → ${await statusName(pipeline, now)} (by ${event.source?.user?.username ?? '?'})`;
      changes.push(line);
      log(`[pipeline] ${line}`);
      heard();
    }
  });
  await roundTrip(pipeline.eventHub);
  log(`[pipeline] subscribed: ${pipeline.eventHub.subscriptions.map((s) => s.expression).join(' | ')}`);

  // The artist's side: pick a sequence with shots, discover the actions for it, launch ours.
  const shot = await artist.query(q.Shot.select('name', 'parent_id', 'status_id')).first();
  if (shot === undefined || shot.parent_id === null) throw new Error('The server has no shot under a sequence: the example needs one.');
  const sequence = (await artist.query(q.Sequence.where((s) => s.id.eq(shot.parent_id!)).select('name')).first())!;
  const selection = [{ entityId: sequence.id, entityType: 'task' }];

  log(`[artist] → ftrack.action.discover, selection: Sequence ${sequence.name}`);
  const discovered = await artist.eventHub.publishAndWaitForReply({ topic: 'ftrack.action.discover', data: { selection } }, { timeoutMs });
  const items = discovered.data.items;
  for (const item of items) log(`[artist] ← reply: ${item.label} (${item.actionIdentifier})`);
  const item = items.find((candidate) => candidate.actionIdentifier === IDENTIFIER);
  if (item === undefined) throw new Error(`The discover replies do not offer ${IDENTIFIER}.`);

  log(`[artist] → ftrack.action.launch ${item.actionIdentifier}`);
  const launched = await artist.eventHub.publishAndWaitForReply({ topic: 'ftrack.action.launch', data: { actionIdentifier: item.actionIdentifier, selection } }, { timeoutMs });
  log(`[artist] ← reply: success ${launched.data.success}, "${launched.data.message}"`);

  // A status change, committed: the server publishes ftrack.update and the listener logs it.
  const statuses = await artist.query(q.Status.select('name')).all();
  const next = statuses.find((status) => status.id !== shot.status_id);
  if (next === undefined) throw new Error('The server has a single status: the example needs two.');
  shot.status_id = next.id;
  log(`[artist] commit: Shot ${shot.name} status → ${next.name}`);
  await artist.commit();
  await within(statusHeard, 'the ftrack.update of the status change');
  return { actions: items.length, shots: Number(/^(\d+)/.exec(launched.data.message ?? '')?.[1] ?? 0), statusChanges: changes.length };
}

/**
 * A round trip through the server on the hub's own connection: the server handles a connection's
 * packets in order, so the subscriptions announced before it are registered when the reply arrives.
 */
async function roundTrip(hub: EventHub<EntityTypeMap>): Promise<void> {
  const probe = hub.subscribe(`topic=examples.events.ready and source.id=${hub.id}`, () => ({ ready: true }));
  try {
    await hub.publishAndWaitForReply({ topic: 'examples.events.ready', data: {} }, { timeoutMs });
  } finally {
    probe.unsubscribe();
  }
}

async function statusName(session: Session<Workspace>, id: string | null): Promise<string> {
  if (id === null) return '(none)';
  return (await session.query(q.Status.where((s) => s.id.eq(id)).select('name')).first())?.name ?? id;
}

async function within(promise: Promise<void>, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`)), timeoutMs);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const { FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY } = process.env;
  if (FTRACK_SERVER !== undefined && FTRACK_SERVER !== '') {
    await runEvents({ serverUrl: FTRACK_SERVER, apiUser: FTRACK_API_USER ?? '', apiKey: FTRACK_API_KEY ?? '' });
    return;
  }
  const { startServer } = await import('ftrack-codegen/server');
  await using server = await startServer();
  console.log(`FTRACK_SERVER is not set: started the local server (demo workspace) at ${server.url}`);
  await runEvents({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`events example failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exitCode = 1;
  });
}
