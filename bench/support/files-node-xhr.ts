import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';

type Listener = (event: { loaded: number; total: number; lengthComputable: boolean; type: string }) => void;

/** A tiny event target: `addEventListener` plus `on<type>` handlers. */
class Events {
  readonly #listeners = new Map<string, Set<Listener>>();

  addEventListener(type: string, listener: Listener): void {
    let set = this.#listeners.get(type);
    if (set === undefined) this.#listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.#listeners.get(type)?.delete(listener);
  }

  protected emit(type: string, loaded = 0, total = 0): void {
    const event = { type, loaded, total, lengthComputable: total > 0 };
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
    const handler = (this as unknown as Record<string, unknown>)[`on${type}`];
    if (typeof handler === 'function') (handler as Listener).call(this, event);
  }
}

class Upload extends Events {
  progress(loaded: number, total: number): void {
    this.emit('progress', loaded, total);
  }
}

/**
 * The part of `XMLHttpRequest` `@ftrack/api`'s uploader uses (spec components.md 4.2.1), over
 * `node:http`: `open`, `setRequestHeader`, `send(Blob)` streamed with upload progress, `abort`,
 * `status`, `getResponseHeader`, and the `load`/`error`/`abort`/`loadend` events. For running `@ftrack/api` uploads in Node (bench/files.ts, test/components).
 */
export class NodeXhr extends Events {
  readonly upload = new Upload();
  timeout = 0;
  readyState = 0;
  status = 0;
  response: string | null = null;
  #method = 'GET';
  #url = '';
  readonly #headers: Record<string, string> = {};
  #responseHeaders: IncomingHttpHeaders = {};
  #request: ClientRequest | undefined;
  #done = false;

  open(method: string, url: string): void {
    this.#method = method;
    this.#url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.#headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    const value = this.#responseHeaders[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  send(body: Blob): void {
    const total = body.size;
    const request = httpRequest(this.#url, { method: this.#method, headers: { ...this.#headers, 'Content-Length': String(total) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (this.#done) return;
        this.#done = true;
        this.status = response.statusCode ?? 0;
        this.#responseHeaders = response.headers;
        this.response = Buffer.concat(chunks).toString('utf8');
        this.readyState = 4;
        this.emit('readystatechange');
        this.emit('load', total, total);
        this.emit('loadend', total, total);
      });
    });
    this.#request = request;
    request.on('error', () => this.#fail('error'));
    void (async () => {
      let sent = 0;
      for await (const chunk of body.stream() as unknown as AsyncIterable<Uint8Array>) {
        if (this.#done) return;
        if (!request.write(chunk)) await new Promise((resolve) => request.once('drain', resolve));
        sent += chunk.length;
        this.upload.progress(sent, total);
      }
      request.end();
    })().catch(() => this.#fail('error'));
  }

  abort(): void {
    this.#request?.destroy();
    this.#fail('abort');
  }

  #fail(type: 'error' | 'abort'): void {
    if (this.#done) return;
    this.#done = true;
    this.readyState = 4;
    this.emit(type);
    this.emit('loadend');
  }
}

/** Installs `XMLHttpRequest` and a browser-like `window` (online, optional chunk size) for `@ftrack/api` uploads; returns the undo. */
export function installBrowserGlobals(chunkSize?: number): () => void {
  const globals = globalThis as Record<string, unknown>;
  const saved = { XMLHttpRequest: globals.XMLHttpRequest, window: globals.window };
  globals.XMLHttpRequest = NodeXhr;
  globals.window = { navigator: { onLine: true }, addEventListener: () => undefined, removeEventListener: () => undefined, FTRACK_UPLOAD_CHUNK_SIZE: chunkSize };
  return () => {
    globals.XMLHttpRequest = saved.XMLHttpRequest;
    globals.window = saved.window;
  };
}
