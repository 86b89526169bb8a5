// The browser entry point (`ftrack-codegen` under the `browser` condition): the portable API
// (./portable.ts) with a `Session` that sends with the standard `fetch`. Nothing it imports uses
// undici or a Node built-in (test/browser bundles it with esbuild --platform=browser).
export * from './portable.js';
export { Session } from './session/session.js';
