// The few playwright-core members the optional Chromium test uses (playwright-core is not a
// dependency: the test runs only where it and /usr/bin/chromium are installed).

export interface Route {
  fulfill(response: { contentType: string; body: string }): Promise<void>;
}

export interface Page {
  route(url: string, handler: (route: Route) => unknown): Promise<void>;
  goto(url: string): Promise<unknown>;
  evaluate<A>(fn: (argument: A) => unknown, argument: A): Promise<unknown>;
}

export interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** The module's exports used. */
export interface PlaywrightCore {
  readonly chromium: { launch(options: { executablePath: string; headless: boolean }): Promise<Browser> };
}
