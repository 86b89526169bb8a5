/**
 * Layering rules (see docs/architecture.md). `npx depcruise -c .dependency-cruiser.cjs runtime codegen
 * server bin generated examples bench scripts test` must report no error; `.ci/run` runs it before the tests.
 * Imports point down: bin → codegen → runtime; server → runtime/{schema,protocol}; generated →
 * the package entry; examples/bench → generated, the package and its subpath entries; test → anything.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-value-cycle',
      severity: 'error',
      comment: 'A cycle of value (not type-only) imports: which binding is initialised first then depends on load order.',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-type-cycle',
      severity: 'warn',
      comment:
        'A cycle that needs a type-only import (harmless at run time): move the shared contract into a leaf module. ' +
        'Reported, not failing: the remaining ones are inside runtime/entity (the entity class and its type runtime describe each other).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'runtime-base-is-below-the-parts',
      severity: 'error',
      comment:
        'runtime/{schema,protocol,transport} and errors.ts are the base every part uses: they import none of ' +
        'query, entity, identity, loading, unit-of-work, session.',
      from: { path: '^runtime/(schema/|protocol/|transport/|errors\\.ts$)' },
      to: { path: '^runtime/(query|entity|identity|loading|unit-of-work|session)/' },
    },
    {
      name: 'query-below-entities',
      severity: 'error',
      comment: 'runtime/query (builder, nodes, compiler) knows entity types only through runtime/contract.',
      from: { path: '^runtime/query/' },
      to: { path: '^runtime/(entity|identity|loading|unit-of-work|session)/' },
    },
    {
      name: 'entity-below-identity',
      severity: 'error',
      comment: 'runtime/entity (entity classes, slots, collections) never reaches the identity map, loading, the unit of work or the session.',
      from: { path: '^runtime/entity/' },
      to: { path: '^runtime/(identity|loading|unit-of-work|session)/' },
    },
    {
      name: 'identity-below-loading',
      severity: 'error',
      comment: 'runtime/identity (identity map, decoding, results) uses entity/, never loading, the unit of work or the session.',
      from: { path: '^runtime/identity/' },
      to: { path: '^runtime/(loading|unit-of-work|session)/' },
    },
    {
      name: 'loading-below-unit-of-work',
      severity: 'error',
      comment: 'runtime/loading (loader, batching, paged results) never reaches the unit of work or the session.',
      from: { path: '^runtime/loading/' },
      to: { path: '^runtime/(unit-of-work|session)/' },
    },
    {
      name: 'unit-of-work-below-session',
      severity: 'error',
      comment: 'runtime/unit-of-work (tracking, commit planning and settling, ensure) is handed what it needs by the session.',
      from: { path: '^runtime/unit-of-work/' },
      to: { path: '^runtime/session/' },
    },
    {
      name: 'runtime-runs-in-browsers',
      severity: 'error',
      comment:
        'What the browser entry (runtime/browser.ts) can reach imports no Node built-in: only the Node entry (runtime/index.ts), ' +
        'its Session (session/node-session.ts), the Node file modules (files/node-*.ts) and the undici transport (transport/undici-transport.ts, transport/index.ts) may. ' +
        'test/browser bundles the entry with esbuild --platform=browser, which also checks that no undici is reached.',
      from: { path: '^runtime/', pathNot: '^runtime/(index\\.ts|session/node-session\\.ts|files/node-[a-z-]+\\.ts|transport/(undici-transport|index)\\.ts)$' },
      to: { dependencyTypes: ['core'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'runtime-stays-down',
      severity: 'error',
      comment: 'runtime/ is what user code loads: it never imports the generator, the server, the CLI or dev-only code.',
      from: { path: '^runtime/' },
      to: { path: '^(server|codegen|bin|generated|examples|bench|test)/' },
    },
    {
      name: 'codegen-uses-schema-only',
      severity: 'error',
      comment:
        'codegen/ is a pure pipeline over the schema model: from runtime/ it imports runtime/schema, the leaf ' +
        'contract (runtime/contract) and the errors module only; fetching a schema (codegen/io, run-generate) may also use runtime/transport and runtime/protocol.',
      from: { path: '^codegen/', pathNot: '^codegen/(io/|run-generate\\.ts$)' },
      to: { path: '^(runtime/(?!schema/|contract/|errors\\.ts$)|server/|bin/|generated/|examples/|bench/|test/)' },
    },
    {
      name: 'codegen-io-fetches-only',
      severity: 'error',
      comment: 'codegen/io and codegen/run-generate.ts: the pipeline plus the client pieces needed to fetch a schema.',
      from: { path: '^codegen/(io/|run-generate\\.ts$)' },
      to: { path: '^(runtime/(?!schema/|contract/|transport/|protocol/|errors\\.ts$)|server/|bin/|generated/|examples/|bench/|test/)' },
    },
    {
      name: 'contract-is-a-leaf',
      severity: 'error',
      comment: 'runtime/contract holds the entity-type contract shared by query/, session/ and codegen/: it imports nothing of ours.',
      from: { path: '^runtime/contract/' },
      to: { pathNot: '^runtime/contract/', dependencyTypesNot: ['npm', 'npm-dev', 'core'] },
    },
    {
      name: 'server-uses-schema-and-protocol',
      severity: 'error',
      comment:
        'server/ may use runtime/schema, runtime/protocol and the errors module (ConfigurationError; its wire errors are its own ' +
        'WireError, server/api/wire-error.ts); nothing of the generator, CLI or dev code.',
      from: { path: '^server/' },
      to: { path: '^(runtime/(?!schema/|protocol/|errors\\.ts$)|codegen/|bin/|generated/|examples/|bench/|test/)' },
    },
    {
      name: 'nothing-imports-bin',
      severity: 'error',
      comment: 'bin/ is the CLI entry; only tests drive it.',
      from: { pathNot: '^(bin|test)/' },
      to: { path: '^bin/' },
    },
    {
      name: 'generated-imports-the-package',
      severity: 'error',
      comment: 'generated/ imports only the package public entry (ftrack-codegen → runtime/index.ts) and its sibling files.',
      from: { path: '^generated/' },
      to: { pathNot: '^(generated/|runtime/index\\.ts$)', dependencyTypesNot: ['core'] },
    },
    {
      name: 'only-tests-import-tests',
      severity: 'error',
      comment: 'bench/, examples/ and the library never import test/ (move shared helpers out of test/).',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'library-no-dev-deps',
      severity: 'error',
      comment: 'Published code (runtime, codegen, server, bin) imports only runtime dependencies.',
      from: { path: '^(runtime|codegen|server|bin)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Results kept between runs and reused only while every cruised file's content and the options
    // are unchanged (`.ci/run` cruises first; test/architecture/dependency-rules.test.ts then reuses it).
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
  },
};
