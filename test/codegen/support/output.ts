import { generateClient, type GeneratedClient } from 'ftrack-codegen/codegen';

/** The content of one generated file. */
export function fileOf(client: GeneratedClient, path: string): string {
  const file = client.files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`no generated file ${path}`);
  return file.content;
}

/** The text of `export interface <name> … }` (without its JSDoc) in `content`. */
export function interfaceText(content: string, name: string): string {
  const start = content.indexOf(`export interface ${name} `);
  if (start < 0) throw new Error(`no interface ${name}`);
  const end = content.indexOf('\n}\n', start);
  return content.slice(start, end + 3);
}

/** Generates from a synthetic schema after a JSON round trip (as it would arrive from a server). */
export function generate(schemas: unknown[]): GeneratedClient {
  return generateClient(JSON.parse(JSON.stringify(schemas)));
}
