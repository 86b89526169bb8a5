import { readFileSync } from 'node:fs';
import { startServer } from '../server/index.js';
const schema = JSON.parse(readFileSync('../shared/fixtures/schemas/workspace-a.query_schemas.json', 'utf8')) as Record<string, any>[];
const drop = new Set(process.argv[2].split(','));
const variant = schema.filter((t) => !drop.has(t.id)).map((t) => {
  const c = structuredClone(t);
  for (const [name, p] of Object.entries(c.properties as Record<string, any>)) {
    const target = p.$ref ?? p.items?.$ref;
    if (target && drop.has(target)) delete c.properties[name];
  }
  if (c.id === 'Task') c.properties.frame_rate = { type: 'string', format: 'decimal-ish' };
  return c;
});
const warnings: string[] = [];
try {
  const server = await startServer({ schema: variant, seed: 'small', apiUser: 'py-user', apiKey: 'py-key', port: Number(process.argv[3]), onWarning: (w) => warnings.push(String((w as any).message ?? w)) });
  console.log('listening', server.url, warnings.slice(0, 5));
} catch (e) { console.log('FAILED', e); process.exit(1); }
