// The two apps `bench/codegen.ts` type-checks: 30 queries with entity accesses, once with the
// generated client (typed builder) and once with @ftrack/api and plain interfaces (raw strings).

interface QuerySpec {
  readonly type: string;
  /** Typed condition, a callback over the fields. */
  readonly where: string;
  /** The same condition as ftrack expression text. */
  readonly raw: string;
  readonly select: readonly string[];
}

const QUERIES: readonly QuerySpec[] = [
  { type: 'Project', where: "(p) => p.name.eq('x')", raw: 'name is "x"', select: ['name', 'full_name', 'start_date'] },
  { type: 'Task', where: "(t) => t.status.name.eq('Approved')", raw: 'status.name is "Approved"', select: ['name', 'status.name', 'bid'] },
  { type: 'Shot', where: "(s) => s.parent.name.like('sq%')", raw: 'parent.name like "sq%"', select: ['name', 'parent.name'] },
  { type: 'AssetVersion', where: '(v) => v.version.gt(1)', raw: 'version > 1', select: ['version', 'asset.name', 'date'] },
  { type: 'TypedContext', where: "(t) => t.name.startsWith('a')", raw: 'name like "a%"', select: ['name', 'project_id'] },
  { type: 'User', where: "(u) => u.username.eq('jane')", raw: 'username is "jane"', select: ['first_name', 'last_name', 'email'] },
  { type: 'Note', where: "(n) => n.content.contains('x')", raw: 'content like "%x%"', select: ['content', 'date'] },
  { type: 'Timelog', where: '(l) => l.duration.gte(3600)', raw: 'duration >= 3600', select: ['start', 'duration', 'user.username'] },
  { type: 'Status', where: '(s) => s.is_active.eq(true)', raw: 'is_active is true', select: ['name', 'color', 'state.short'] },
  { type: 'Component', where: '(c) => c.size.lt(1000)', raw: 'size < 1000', select: ['name', 'file_type'] },
  { type: 'List', where: '(l) => l.is_open.eq(true)', raw: 'is_open is true', select: ['name', 'owner.username'] },
  { type: 'ReviewSession', where: "(r) => r.end_date.after('2024-01-01')", raw: 'end_date after "2024-01-01T00:00:00"', select: ['name', 'start_date'] },
  { type: 'Appointment', where: "(a) => a.type.eq('assignment')", raw: 'type is "assignment"', select: ['type', 'context.name'] },
  { type: 'TypedContextLink', where: '(l) => l.lag.gt(0)', raw: 'lag > 0', select: ['lag', 'from.name', 'to.name'] },
  { type: 'CustomAttributeConfiguration', where: "(c) => c.key.eq('fstart')", raw: 'key is "fstart"', select: ['key', 'label', 'is_hierarchical'] },
  { type: 'Job', where: "(j) => j.status.eq('done')", raw: 'status is "done"', select: ['status', 'created_at'] },
  { type: 'Type', where: '(t) => t.is_billable.eq(true)', raw: 'is_billable is true', select: ['name', 'color'] },
  { type: 'Priority', where: '(p) => p.value.gt(1)', raw: 'value > 1', select: ['name', 'value'] },
  { type: 'ObjectType', where: '(o) => o.is_leaf.eq(true)', raw: 'is_leaf is true', select: ['name', 'icon'] },
  { type: 'Asset', where: '(a) => a.versions.any((v) => v.is_published.eq(true))', raw: 'versions any (is_published is true)', select: ['name', 'type.name'] },
  { type: 'Milestone', where: "(m) => m.end_date.before('2025-01-01')", raw: 'end_date before "2025-01-01T00:00:00"', select: ['name', 'end_date'] },
  { type: 'Episode', where: "(e) => e.project.name.eq('p')", raw: 'project.name is "p"', select: ['name', 'project.full_name'] },
  { type: 'Folder', where: '(f) => f.children.any()', raw: 'children any ()', select: ['name'] },
  { type: 'Manager', where: "(m) => m.user.username.eq('jane')", raw: 'user.username is "jane"', select: ['context.name', 'user.username'] },
  { type: 'Disk', where: "(d) => d.name.eq('main')", raw: 'name is "main"', select: ['unix', 'windows'] },
  { type: 'Location', where: "(l) => l.name.eq('ftrack.server')", raw: 'name is "ftrack.server"', select: ['label', 'description'] },
  { type: 'ComponentLocation', where: '(c) => c.resource_identifier.isNotNone()', raw: 'resource_identifier is_not None', select: ['resource_identifier', 'component.name'] },
  { type: 'AssetType', where: "(a) => a.short.eq('geo')", raw: 'short is "geo"', select: ['name', 'short'] },
  { type: 'Event', where: "(e) => e.action.eq('change.status')", raw: 'action is "change.status"', select: ['action', 'created_at'] },
  { type: 'TaskTemplate', where: "(t) => t.name.eq('tpl')", raw: 'name is "tpl"', select: ['name', 'project_schema.name'] },
];

const access = (path: string) => `row.${path.split('.').join('?.')}`;

/** The app written against the generated client in `./client/`. */
export function typedApp(): string {
  const body = QUERIES.flatMap((spec, i) => [
    `  const rows${i} = await session.query(q.${spec.type}.where(${spec.where}).select(${spec.select.map((p) => `'${p}'`).join(', ')})).all();`,
    `  for (const row of rows${i}) use(row.$type, ${spec.select.map(access).join(', ')});`,
  ]);
  return [
    "import { createSession, q } from './client/index.js';",
    '',
    'function use(...values: unknown[]): void {',
    '  void values;',
    '}',
    '',
    'export async function app(): Promise<void> {',
    "  const session = createSession({ serverUrl: 'http://127.0.0.1:1', apiUser: 'u', apiKey: 'k' });",
    ...body,
    '}',
    '',
  ].join('\n');
}

/** The same app against @ftrack/api with plain all-optional interfaces and raw query strings. */
export function plainApp(): string {
  const body = QUERIES.flatMap((spec, i) => [
    `  const result${i} = await session.query<'${spec.type}'>('select ${spec.select.join(', ')} from ${spec.type} where ${spec.raw.replace(/'/g, "\\'")}');`,
    `  for (const row of result${i}.data) use(row.__entity_type__, ${spec.select.map(access).join(', ')});`,
  ]);
  return [
    "import { Session } from '@ftrack/api';",
    "import type { EntityTypeMap } from './schema-types.js';",
    '',
    'function use(...values: unknown[]): void {',
    '  void values;',
    '}',
    '',
    'export async function app(): Promise<void> {',
    "  const session = new Session<EntityTypeMap>('http://127.0.0.1:1', 'u', 'k', { autoConnectEventHub: false });",
    ...body,
    '}',
    '',
  ].join('\n');
}

/** Files of an app, path → content (relative to the app's folder). */
export type AppFiles = Record<string, string>;

/**
 * The typed app split into one module per query (`queries/q<i>.ts`) plus a shared session, as an
 * editor sees a project: bench/codegen.ts edits one query file and times its diagnostics.
 */
export function typedQueryFiles(): AppFiles {
  const files: AppFiles = {
    'shared.ts': [
      "import { createSession } from './client/index.js';",
      '',
      "export const session = createSession({ serverUrl: 'http://127.0.0.1:1', apiUser: 'u', apiKey: 'k' });",
      'export function use(...values: unknown[]): void {',
      '  void values;',
      '}',
      '',
    ].join('\n'),
  };
  QUERIES.forEach((spec, i) => {
    files[`queries/q${i}.ts`] = [
      "import { q } from '../client/index.js';",
      "import { session, use } from '../shared.js';",
      '',
      `export async function query${i}(): Promise<void> {`,
      `  const rows = await session.query(q.${spec.type}.where(${spec.where}).select(${spec.select.map((p) => `'${p}'`).join(', ')})).all();`,
      `  for (const row of rows) use(row.$type, ${spec.select.map(access).join(', ')});`,
      '}',
      '',
    ].join('\n');
  });
  return files;
}

/** The same split for the @ftrack/api app. */
export function plainQueryFiles(): AppFiles {
  const files: AppFiles = {
    'shared.ts': [
      "import { Session } from '@ftrack/api';",
      "import type { EntityTypeMap } from './schema-types.js';",
      '',
      "export const session = new Session<EntityTypeMap>('http://127.0.0.1:1', 'u', 'k', { autoConnectEventHub: false });",
      'export function use(...values: unknown[]): void {',
      '  void values;',
      '}',
      '',
    ].join('\n'),
  };
  QUERIES.forEach((spec, i) => {
    files[`queries/q${i}.ts`] = [
      "import { session, use } from '../shared.js';",
      '',
      `export async function query${i}(): Promise<void> {`,
      `  const result = await session.query<'${spec.type}'>('select ${spec.select.join(', ')} from ${spec.type} where ${spec.raw.replace(/'/g, "\\'")}');`,
      `  for (const row of result.data) use(row.__entity_type__, ${spec.select.map(access).join(', ')});`,
      '}',
      '',
    ].join('\n');
  });
  return files;
}

interface RawSchema {
  id: string;
  properties: Record<string, { type?: string; $ref?: string; format?: string; items?: { $ref: string } }>;
}

/** Plain interfaces as the official type generator emits them: one per type, every attribute optional. */
export function plainInterfaces(schemas: readonly unknown[]): string {
  const types = (schemas as RawSchema[]).slice().sort((a, b) => (a.id < b.id ? -1 : 1));
  const typeOf = (p: RawSchema['properties'][string]): string => {
    if (p.$ref) return p.$ref;
    switch (p.type) {
      case 'array':
      case 'mapped_array':
        return `${p.items?.$ref ?? 'unknown'}[]`;
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'object':
      case 'variable':
        return 'any';
      default:
        return 'string';
    }
  };
  const interfaces = types.map((t) => {
    const members = Object.entries(t.properties).map(([name, p]) => `  ${JSON.stringify(name)}?: ${typeOf(p)};`);
    return `export interface ${t.id} {\n  __entity_type__?: '${t.id}';\n${members.join('\n')}\n}`;
  });
  const map = `export interface EntityTypeMap {\n${types.map((t) => `  ${t.id}: ${t.id};`).join('\n')}\n}`;
  return `${interfaces.join('\n\n')}\n\n${map}\n`;
}
