import { Session, operation, projectSchema } from "@ftrack/api"; const getStatuses = projectSchema.getStatuses;
const s = new Session('http://127.0.0.1:48711', 'py-user', 'py-key', { autoConnectEventHub: false });
await s.initializing;
async function check(name: string, fn: () => Promise<unknown>) {
  try { const v = await fn(); console.log('OK', name, JSON.stringify(v)?.slice(0, 400)); }
  catch (e) { console.log('FAIL', name, (e as Error).name, (e as Error).message.slice(0, 800)); }
}
const project = (await s.query('select id, name, project_schema_id from Project where name is "alpha"')).data[0];
await check('schema', async () => s.getSchema('Task')?.properties ? Object.keys(s.getSchema('Task')!.properties!).length : null);
await check('create seq', async () => (await s.create('Sequence', { name: 'js-seq', parent: { __entity_type__: 'Project', id: project.id } } as never)).data);
await check('create seq parent_id', async () => (await s.create('Sequence', { name: 'js-seq2', parent_id: project.id } as never)).data);
await check('create shot under seq', async () => { const seq = (await s.query('select id from Sequence where name is "js-seq"')).data[0]; return (await s.create('Shot', { name: 'js-sh', parent_id: seq.id } as never)).data; });
await check('create task', async () => { const sh = (await s.query('select id from Shot where name is "js-sh"')).data[0]; const t = (await s.query('select id from Type where name is "Animation"')).data[0]; return (await s.create('Task', { name: 'js-task', parent_id: sh.id, type_id: t.id } as never)).data; });
await check('update', async () => { const t = (await s.query('select id from Task where name is "js-task"')).data[0]; return (await s.update('Task', [t.id], { description: 'hi', bid: 3600 } as never)).data; });
await check('ensure create', async () => s.ensure('Sequence', { name: 'js-ens', parent_id: project.id } as never));
await check('ensure existing', async () => s.ensure('Sequence', { name: 'js-ens', parent_id: project.id } as never));
await check('ensure user', async () => s.ensure('User', { username: 'js-user', first_name: 'J' } as never, ['username'] as never));
await check('ensure user again', async () => s.ensure('User', { username: 'js-user', first_name: 'K' } as never, ['username'] as never));
await check('call batch', async () => { const seq = (await s.query('select id from Sequence where name is "js-seq"')).data[0]; return s.call([operation.create('Shot', { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'b1', parent_id: seq.id } as never), operation.create('Task', { name: 'bt', parent_id: 'aaaaaaaa-0000-4000-8000-000000000001' } as never), operation.query('select name, parent.name from Task where parent_id is "aaaaaaaa-0000-4000-8000-000000000001"'), operation.update('Shot', ['aaaaaaaa-0000-4000-8000-000000000001'], { description: 'x' } as never)]); });
await check('delete', async () => { const seq = (await s.query('select id from Sequence where name is "js-seq2"')).data[0]; return s.delete('Sequence', [seq.id]); });
await check('getStatuses Task', async () => (await getStatuses(s, project.project_schema_id, 'Task')).map((x: { name: string }) => x.name));
await check('getStatuses AV', async () => (await getStatuses(s, project.project_schema_id, 'AssetVersion')).map((x: { name: string }) => x.name));
await check('getStatuses Shot', async () => (await getStatuses(s, project.project_schema_id, 'Shot')).map((x: { name: string }) => x?.name));
await check('search', async () => (await s.search({ expression: 'select name from Task', entityType: 'Task', terms: ['anim'], contextId: project.id })).data.length);
await check('server info', async () => s.serverInformation);
await check('create note', async () => { const t = (await s.query('select id from Task where name is "js-task"')).data[0]; return (await s.create('Note', { content: 'js note', parent_id: t.id, parent_type: 'Task' } as never)).data; });
await check('create version', async () => { const a = (await s.query('select id from Asset')).data[0]; return (await s.create('AssetVersion', { asset_id: a.id } as never)).data; });
await check('create user', async () => (await s.create('User', { username: 'js-u2' } as never)).data);
await check('create timer', async () => (await s.create('Timer', { user_id: (await s.query('select id from User where username is "js-u2"')).data[0].id } as never)).data);
await check('create metadata', async () => { const t = (await s.query('select id from Task where name is "js-task"')).data[0]; return (await s.create('Metadata', { parent_id: t.id, parent_type: 'Task', key: 'k', value: 'v' } as never)).data; });
await check('read metadata', async () => (await s.query('select metadata from Task where name is "js-task"')).data[0]);
await check('ca update', async () => { const sh = (await s.query('select id, custom_attributes from Shot where name is "js-sh"')).data[0]; const conf = (await s.query('select id from CustomAttributeConfiguration where key is "fstart"')).data[0]; await s.update('ContextCustomAttributeValue', [conf.id, sh.id], { value: 1050 } as never); return (await s.query(`select custom_attributes from Shot where id is "${sh.id}"`)).data[0]; });
await check('link', async () => (await s.query('select link from Task where name is "js-task"')).data[0]);
await check('paging limit/offset', async () => (await s.query('select name from Task offset 5 limit 5')).metadata);
await check('denormalize', async () => (await s.query('select name, parent.name from Task limit 2', { ensureSerializableResponse: true } as never)).data);
await check('decodeDatesAsIso', async () => (await s.query('select date from AssetVersion limit 1', { decodeDatesAsIso: true } as never)).data);
await check('createComponent?', async () => typeof s.createComponent);
