import { afterAll, beforeAll, beforeEach } from 'vitest';
import { Session, type SessionOptions } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { startFaultProxy, type FaultProxy } from './commit-fault-proxy.js';

/** Session options other than the address and credentials, which the fixture supplies. */
type ExtraOptions = Omit<SessionOptions, 'serverUrl' | 'apiUser' | 'apiKey'>;

/** The demo server behind a fault proxy, with a fresh session through the proxy for each test. */
export interface ProxiedDemo {
  /** Set in beforeAll. */
  server: ServerHandle;
  /** Set in beforeAll; reset after each test's setup, so it records only the test's own traffic. */
  proxy: FaultProxy;
  /** A fresh session per test, set in beforeEach (the previous one is closed). */
  session: Session;
  /** A new session through the proxy; the caller closes it. `options` override the fixture's defaults. */
  open(options?: ExtraOptions): Session;
}

export interface ProxiedDemoOptions {
  /** Defaults for every session `open` makes, including the per-test one. */
  session?: ExtraOptions;
  /** Runs before each test once the fresh session is set, before the proxy is reset (e.g. to load projects). */
  load?: (demo: ProxiedDemo) => Promise<void>;
}

/**
 * Registers vitest hooks in the current scope: start the demo server and a fault proxy before all
 * tests, open a fresh session through the proxy before each (then `load`, then reset the proxy),
 * close everything after all. The returned object's fields are set by those hooks.
 */
export function useProxiedDemo({ session: defaults, load }: ProxiedDemoOptions = {}): ProxiedDemo {
  const demo = {
    open: (options?: ExtraOptions) =>
      new Session({ ...defaults, ...options, serverUrl: demo.proxy.url, apiUser: demo.server.apiUser, apiKey: demo.server.apiKey }),
  } as ProxiedDemo;

  beforeAll(async () => {
    demo.server = await startServer();
    demo.proxy = await startFaultProxy(demo.server.url);
  });
  beforeEach(async () => {
    await demo.session?.close();
    demo.session = demo.open();
    await load?.(demo);
    demo.proxy.reset();
  });
  afterAll(async () => {
    await demo.session?.close();
    await demo.proxy?.close();
    await demo.server?.close();
  });
  return demo;
}
