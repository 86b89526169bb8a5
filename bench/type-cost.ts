// What each typed feature of the query builder costs the type-check of bench/codegen.ts's 30-query app
// (issue 13 sets ≤ 5,000 instantiations and a check time ≤ 2× the @ftrack/api app): run with
// `npx tsx bench/type-cost.ts [runs]`. The package is built once; then the features are taken out of
// the built declarations one at a time, cumulatively (each edit must apply exactly as listed, or the
// bench stops), and the same app is checked against each copy:
//   full             the declarations as shipped;
//   − path checks    select('a', 'b.c') takes plain strings (no CheckPath on its 1–6 path overloads);
//   − row types      query rows are the whole entity interface, not the selected paths;
//   − where fields   where((t) => …) callbacks get `any` (noImplicitAny off for that app).
// Instantiation counts are exact; check CPU is the median of interleaved runs (bench/support/check-cpu.ts).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateClient } from '../codegen/pipeline.js';
import { plainApp, plainInterfaces, typedApp } from './codegen-apps.js';
import { checkCpuMs } from './support/check-cpu.js';
import { ROOT, benchTsconfig, buildPackage, median, realSchemaOrExit, tscFigures, writeAppFolder } from './support/app-builds.js';

const WORK = join(ROOT, '.tmp', 'bench-type-cost');
const RUNS = Number(process.argv[2] ?? 5);
const schemas = realSchemaOrExit();

/** One edit of a built declaration file: `from` must occur exactly `count` times. */
interface Edit {
  readonly file: string;
  readonly from: RegExp;
  readonly to: string;
  readonly count: number;
}

interface Variant {
  readonly name: string;
  readonly edits: readonly Edit[];
  readonly compilerOptions?: Record<string, unknown>;
}

const BUILDER = 'query/query-builder.d.ts';
const VARIANTS: readonly Variant[] = [
  { name: 'full (as shipped)', edits: [] },
  // the six path-count overloads: 1 + 2 + … + 6 parameters
  { name: '− path checks', edits: [{ file: BUILDER, from: /(p\d): CheckPath<E, (P\d)>/g, to: '$1: $2', count: 21 }] },
  { name: '− row types', edits: [{ file: BUILDER, from: /\$result\?: Rows<T, Selection<E, S>>/g, to: '$result?: T', count: 1 }] },
  {
    name: '− where fields',
    edits: [{ file: BUILDER, from: /where\(condition: Condition \| \(\(fields: Fields<E>\) => Condition\)\)/g, to: 'where(condition: Condition | ((fields: any) => Condition))', count: 1 }],
    compilerOptions: { noImplicitAny: false },
  },
];

function applyEdits(runtime: string, edits: readonly Edit[]): void {
  for (const edit of edits) {
    const path = join(runtime, edit.file);
    const text = readFileSync(path, 'utf8');
    const found = text.match(edit.from)?.length ?? 0;
    if (found !== edit.count) throw new Error(`${edit.file}: ${edit.from} occurs ${found} times, expected ${edit.count}: update bench/type-cost.ts`);
    writeFileSync(path, text.replace(edit.from, edit.to));
  }
}

rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
console.log('building the package into .tmp/bench-type-cost/build …');
const build = buildPackage(WORK);
const client = Object.fromEntries(generateClient(schemas).files.map((file) => [`client/${file.path}`, file.content]));

// Each variant: its own copy of the built runtime with the edits so far, and the same app and client.
const dirs: string[] = [];
let edits: Edit[] = [];
let compilerOptions: Record<string, unknown> = {};
VARIANTS.forEach((variant, i) => {
  edits = [...edits, ...variant.edits];
  compilerOptions = { ...compilerOptions, ...variant.compilerOptions };
  const dir = join(WORK, `v${i}`);
  cpSync(join(build, 'runtime'), join(dir, 'runtime'), { recursive: true });
  applyEdits(join(dir, 'runtime'), edits);
  const paths = { 'ftrack-codegen': [join(dir, 'runtime', 'index.d.ts')] };
  writeAppFolder(join(dir, 'app'), { ...client, 'app.ts': typedApp() }, benchTsconfig(paths, ['app.ts'], compilerOptions));
  dirs.push(join(dir, 'app'));
});
const plainDir = join(WORK, 'plain');
writeAppFolder(plainDir, { 'schema-types.ts': plainInterfaces(schemas), 'app.ts': plainApp() }, benchTsconfig({}, ['app.ts']));
dirs.push(plainDir);

const counts = dirs.map((dir) => tscFigures(dir).instantiations);
const cpuRuns = dirs.map((): number[] => []);
for (let i = 0; i < RUNS; i++) dirs.forEach((dir, d) => cpuRuns[d]!.push(checkCpuMs(dir)));
const cpu = cpuRuns.map(median);
const plainCpu = cpu[cpu.length - 1]!;

const cell = (value: string, width: number) => value.padStart(width);
console.log(`\nType-check cost of each query-builder feature — 30-query app, 130-type schema, check CPU median of ${RUNS}\n`);
console.log(`${'declarations'.padEnd(28)}${cell('instantiations', 16)}${cell('Δ', 8)}${cell('check CPU', 12)}${cell('Δ', 8)}${cell('× plain', 9)}`);
[...VARIANTS.map((v) => v.name), '@ftrack/api + plain interfaces'].forEach((name, i) => {
  const previous = i > 0 && i < VARIANTS.length ? i - 1 : undefined;
  const delta = (values: number[]) => (previous === undefined ? '' : String(Math.round(values[i]! - values[previous]!)));
  console.log(
    `${name.padEnd(28)}${cell(String(counts[i]), 16)}${cell(delta(counts), 8)}${cell(`${Math.round(cpu[i]!)} ms`, 12)}${cell(delta(cpu), 8)}${cell((cpu[i]! / plainCpu).toFixed(2), 9)}`,
  );
});
console.log(`\nissue 13's budget: ≤ 5000 instantiations and ≤ ${Math.round(2 * plainCpu)} ms (2 × plain) for the full declarations`);
