import { describe, expectTypeOf, it } from 'vitest';
import { on, Session, type EventTopicMap, type HubEvent, type JsonValue, type TopicEvent, type UpdateEntity } from 'ftrack-codegen';
import { createSession, type EntityTypeMap, type EventTopicMap as GeneratedEventTopicMap } from '../../generated/index.js';

// Issue 14: event payloads typed from the generated schema.

type Update = EventTopicMap<EntityTypeMap>['ftrack.update']['data'];
type Entry = Update['entities'][number];

describe('typed event payloads', () => {
  it('ftrack.update entities narrow on entity_type; changes are keyed by that type’s attributes', () => {
    const read = (entry: Entry) => {
      if (entry.entity_type === 'Task') {
        expectTypeOf(entry.changes.status_id).toEqualTypeOf<{ readonly old: string | null; readonly new: string | null } | undefined>();
        expectTypeOf(entry.changes.bid?.new).toEqualTypeOf<number | null | undefined>();
        expectTypeOf(entry.changes.start_date?.new).toEqualTypeOf<string | null | undefined>(); // dates travel as strings
        // @ts-expect-error - not an attribute of Task
        void entry.changes.statusid;
        // @ts-expect-error - relations are not sent as changes (their ids are)
        void entry.changes.status;
        // @ts-expect-error - collections neither
        void entry.changes.children;
      }
      if (entry.entity_type === 'Status') {
        expectTypeOf(entry.changes.name?.new).toEqualTypeOf<string | null | undefined>();
        // @ts-expect-error - Status has no status_id
        void entry.changes.status_id;
      }
      // @ts-expect-error - not an entity type of the schema
      if (entry.entity_type === 'Tsak') return;
      expectTypeOf(entry.entityType).toEqualTypeOf<string>();
      expectTypeOf(entry.entityId).toEqualTypeOf<string>();
    };
    expectTypeOf(read).returns.toEqualTypeOf<void>();
  });

  it('the generated client exports the typed map', () => {
    expectTypeOf<GeneratedEventTopicMap>().toEqualTypeOf<EventTopicMap<EntityTypeMap>>();
    expectTypeOf<GeneratedEventTopicMap['ftrack.update']['data']>().toEqualTypeOf<Update>();
  });

  it('a generated session’s hub types the handler of on.topic(…) and of a plain "topic=…" string', () => {
    const session = createSession();
    session.eventHub.subscribe(on.topic('ftrack.update'), (event) => {
      expectTypeOf(event.topic).toEqualTypeOf<'ftrack.update'>();
      const first = event.data.entities[0];
      if (first?.entity_type === 'Task') expectTypeOf(first.changes.status_id?.new).toEqualTypeOf<string | null | undefined>();
    });
    // @ts-expect-error - ftrack.update takes no reply
    session.eventHub.subscribe(on.topic('ftrack.update'), () => ({ items: [] }));
    session.eventHub.subscribe('topic=ftrack.update', (event) => {
      expectTypeOf(event.data).toEqualTypeOf<Update>();
    });
    session.eventHub.subscribe(on.topic('ftrack.update').and((e) => e.source.user.username.eq('jane')), (event) => {
      expectTypeOf(event.data.entities).toEqualTypeOf<readonly Entry[]>();
    });
  });

  it('unknown topics, compound strings and wildcards are JsonValue', () => {
    const hub = new Session().eventHub;
    hub.subscribe('topic=my-company.ping', (event) => {
      expectTypeOf(event.data).toEqualTypeOf<JsonValue>();
      expectTypeOf(event.topic).toEqualTypeOf<'my-company.ping'>();
      return { pong: true };
    });
    hub.subscribe('topic=ftrack.update and source.user.username=jane', (event) => {
      expectTypeOf(event.data).toEqualTypeOf<JsonValue>();
      expectTypeOf(event.topic).toEqualTypeOf<string>();
    });
    hub.subscribe(on.topic('ftrack.*'), (event) => {
      expectTypeOf(event.data).toEqualTypeOf<JsonValue>();
    });
    expectTypeOf<TopicEvent<'anything'>['data']>().toEqualTypeOf<JsonValue>();
  });

  it('untyped sessions: any entity_type, any change key, JsonValue old/new', () => {
    type Loose = UpdateEntity;
    expectTypeOf<Loose['entity_type']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<Loose['changes']['anything']>['new']>().toEqualTypeOf<JsonValue>();
  });

  it('action topics: typed data, typed replies; publish and replies typed by topic', async () => {
    const hub = new Session().eventHub;
    hub.subscribe(on.topic('ftrack.action.discover'), (event) => {
      expectTypeOf(event.data.selection[0]!.entityId).toEqualTypeOf<string>();
      return { items: [{ label: 'Run', actionIdentifier: 'run' }] };
    });
    hub.subscribe(on.topic('ftrack.action.launch'), (event) => {
      expectTypeOf(event.data.actionIdentifier).toEqualTypeOf<string>();
      return { success: true, message: 'ok' };
    });
    // @ts-expect-error - a discover reply is { items }
    hub.subscribe(on.topic('ftrack.action.discover'), () => ({ success: true }));
    const reply = await hub.publishAndWaitForReply({ topic: 'ftrack.action.discover', data: { selection: [] } });
    expectTypeOf(reply.data.items).toEqualTypeOf<EventTopicMap['ftrack.action.discover']['reply']['items']>();
    // @ts-expect-error - launch data needs actionIdentifier
    void hub.publish({ topic: 'ftrack.action.launch', data: { selection: [] } });
    await hub.publish({ topic: 'my-company.anything', data: { free: ['form', 1, null] } });
    expectTypeOf(await hub.publish({ topic: 'x' }, { synchronous: true })).toEqualTypeOf<unknown[]>();
    expectTypeOf(await hub.publish({ topic: 'x' })).toEqualTypeOf<string>();
  });

  it('the builder types known data fields and keeps values strings', () => {
    on.topic('ftrack.action.launch').and((e) => e.data.actionIdentifier.eq('run'));
    // @ts-expect-error - not a field of launch data
    on.topic('ftrack.action.launch').and((e) => e.data.actionIdentifer.eq('run'));
    // @ts-expect-error - the language compares strings
    on.where((e) => e.source.user.username.eq(5));
    on.where((e) => e.data.key('anything').key('deeper').contains('x'));
    expectTypeOf<HubEvent['stop']>().toEqualTypeOf<() => void>();
  });
});
