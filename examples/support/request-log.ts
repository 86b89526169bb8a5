import { UndiciTransport, type Operation, type Transport, type TransportRequest } from 'ftrack-codegen';

/** Where the tutorial writes its lines. */
export type Log = (line: string) => void;

/**
 * A transport that prints every operation it sends (the ftrack expression of each query, the
 * action and entity of each write) before handing the batch to undici. Counts requests and
 * operations for the demo's summary. The API key stays inside the undici transport.
 */
export class RequestLog implements Transport {
  requests = 0;
  operations = 0;
  readonly #inner: Transport;
  readonly #log: Log;

  constructor(options: { serverUrl: string; apiUser: string; apiKey: string; log: Log }) {
    this.#inner = new UndiciTransport({ serverUrl: options.serverUrl, apiUser: options.apiUser, apiKey: options.apiKey });
    this.#log = options.log;
  }

  get closed(): boolean {
    return this.#inner.closed;
  }

  send(request: TransportRequest): Promise<unknown[]> {
    this.requests++;
    const shown = request.operations.filter((operation) => operation.action !== 'query_server_information');
    this.operations += request.operations.length;
    const prefix = shown.length > 1 ? `  ⇢ request ${this.requests} (${shown.length} operations): ` : '  ⇢ ';
    shown.forEach((operation, i) => this.#log(`${i === 0 ? prefix : ' '.repeat(prefix.length)}${describe(operation)}`));
    return this.#inner.send(request);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

/** One line per operation: the expression of a query, else the action, type, key and data. */
export function describe(operation: Operation): string {
  if (operation.action === 'query' && 'expression' in operation) return String(operation.expression);
  const parts: string[] = [operation.action];
  if ('entity_type' in operation) parts.push(String(operation.entity_type));
  if ('entity_key' in operation && operation.entity_key !== undefined) parts.push(JSON.stringify(operation.entity_key));
  if ('entity_data' in operation) parts.push(shorten(JSON.stringify(compactData(operation.entity_data as Record<string, unknown>)), 320));
  return parts.join(' ');
}

/** The data without its own type tag; references (`{"__entity_type__": "Project", "id": "…"}`) as `Project(…)`. */
function compactData(data: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key !== '__entity_type__') shown[key] = Array.isArray(value) ? value.map(compactReference) : compactReference(value);
  }
  return shown;
}

function compactReference(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !('__entity_type__' in value)) return value;
  const { __entity_type__: type, ...keys } = value as Record<string, unknown>;
  return `${String(type)}(${Object.values(keys).join(', ')})`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
