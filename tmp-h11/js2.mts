import { Session, operation } from '@ftrack/api';
const s = new Session('http://127.0.0.1:48711', 'py-user', 'py-key', { autoConnectEventHub: false, strictApi: true, serverInformationValues: ['schema_hash', 'user_information', 'week_startday', 'workday_length', 'is_nested_subqueries_enabled'] } as never);
await s.initializing;
async function check(name: string, fn: () => Promise<unknown>) {
  try { const v = await fn(); console.log('OK', name, JSON.stringify(v)?.slice(0, 400)); }
  catch (e) { console.log('FAIL', name, (e as Error).name, (e as Error).message.slice(0, 600)); }
}
await check('server info', async () => s.serverInformation);
await check('strict query', async () => (await s.query('select name, start_date from Task limit 2')).data);
await check('strict count', async () => (await s.query('select count(id) from Task')).data);
await check('strict create with Date', async () => { const p = (await s.query('select id from Project limit 1')).data[0]; return (await s.create('Sequence', { name: 'dated', parent_id: p.id, start_date: new Date('2026-05-01T10:00:00Z') } as never)).data; });
await check('strict group by', async () => (await s.query('select status_id, count(id) from Task group by status_id')).data);
await check('strict unknown attr', async () => (await s.query('select nope from Task')).data);
await check('update with Date', async () => { const t = (await s.query('select id from Task limit 1')).data[0]; return (await s.update('Task', [t.id], { end_date: new Date('2026-05-09T18:00:00.123Z') } as never)).data; });
await check('call server info values', async () => s.call([{ action: 'query_server_information', values: ['version', 'storage_scenario'] } as never]));
await check('delete missing', async () => s.delete('Task', ['00000000-0000-4000-8000-000000000000']));
await check('update missing', async () => s.update('Task', ['00000000-0000-4000-8000-000000000000'], { name: 'x' } as never));
