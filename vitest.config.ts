import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^ftrack-codegen$/, replacement: here('./runtime/index.ts') },
      { find: /^ftrack-codegen\/codegen$/, replacement: here('./codegen/index.ts') },
      { find: /^ftrack-codegen\/server$/, replacement: here('./server/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // transpiles the CLI once per run for the tests that start it as a process
    globalSetup: ['test/support/build-cli.ts'],
    setupFiles: ['test/support/each-file.ts'],
    // Two workers (vitest's default on two cores is one), each reused across test files with its
    // module cache (no re-import of the runtime, server and TypeScript per file): the files restore
    // what they change (environment variables, listeners) and clean up through each-file.ts.
    maxWorkers: 2,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      // only the type tests and what they import: `npm run typecheck` (run by .ci/run) checks the whole tree
      tsconfig: './tsconfig.type-tests.json',
    },
  },
});
