import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// Runs `npm run demo` (tsx examples/demo.ts) as a user would and checks that its output shows every
// step of the tutorial, the generator and the type check, and that the API key is never printed.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const apiKey = `demo-key-${randomUUID()}`;
let result: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
    cwd: repoRoot,
    env: { ...process.env, FTRACK_DEMO_API_KEY: apiKey, FTRACK_SERVER: '', FTRACK_API_KEY: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  result = { status: child.status, stdout: child.stdout, stderr: child.stderr };
}, 130_000);

const stepLines = () => result.stdout.split('\n').filter((line) => /^\s+\[\d+\] /.test(line));

describe('npm run demo', () => {
  it('exits with code 0 and says so', () => {
    expect(result.stderr).not.toMatch(/FAILED/);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/demo OK\s*$/);
  });

  it('generates a client from the live server and type-checks a program against it', () => {
    expect(result.stdout).toMatch(/\$ ftrack-codegen --server http:\/\/127\.0\.0\.1:\d+ --api-user admin --out \S+ftrack/);
    expect(result.stdout).toMatch(/42 entity types, schema [0-9a-f]{32}/);
    expect(result.stdout).toMatch(/\d+ files: client\.ts, custom-attributes\.ts, entities\.d\.ts, .*index\.ts/);
    expect(result.stdout).toContain('app.ts type-checks');
  });

  it('shows every tutorial step in order', () => {
    const titles = stepLines().map((line) => line.replace(/^\s+\[\d+\] /, ''));
    const expected = [
      /^Entity types/,
      /^All projects/,
      /^Each project's name/,
      /^Active projects: q\.Project\.where/,
      /^Active projects ending before one week from now/,
      /^The first project's children/,
      /^Context where parent\.name like "te%"/,
      /^Clean up/,
      /^Create a Sequence/,
      /^Both ways record the same change/,
      /^await session\.commit\(\)/,
      /^Query the new sequences back/,
      /^Rollback/,
      /^Typed custom attributes: q\.Shot\.where/,
      /^Set typed custom attributes/,
      /^Close the session/,
      /^A query on the closed session/,
    ];
    expect(titles).toHaveLength(expected.length);
    titles.forEach((title, i) => expect(title).toMatch(expected[i]!));
  });

  it('prints each result and the expression each query sends', () => {
    const out = result.stdout;
    expect(out).toMatch(/42 types: Appointment, .*Sequence/);
    expect(out).toMatch(/6 projects; first\.\$keys\(\): .*children.*name/);
    for (const name of ['test', 'client_review', 'tdb', 'man_test', 'ftrack', 'bunny']) expect(out).toContain(`  - ${name}\n`);
    expect(out).toContain('⇢ select context_type, id, name from Project where status is "active" limit 500');
    expect(out).toContain('4 active: test, client_review, ftrack, bunny');
    expect(out).toMatch(/⇢ select name, end_date from Project where status is "active" and end_date before "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"/);
    expect(out).toMatch(/- test ends 2026-06-30/);
    expect(out).toContain('⇢ select context_type, id, name from Context where parent.name like "te%" limit 500');
    expect(out).toContain('4 contexts: Folder Assets, Sequence sq010, Sequence sq020, Milestone Client delivery');
  });

  it('prints true for every child.parent === project', () => {
    const identities = result.stdout.split('\n').filter((line) => line.includes('child.parent === project →'));
    expect(identities).toHaveLength(4);
    for (const line of identities) expect(line).toMatch(/→ true$/);
  });

  it('creates, commits, queries back, rolls back and closes', () => {
    const out = result.stdout;
    expect(out).toContain('way 1: sequence.parent = project → project.children.includes(sequence): true');
    expect(out).toContain('way 2: project.children.append(teaser) → teaser.parent === project: true');
    expect(out).toContain('same parent in both creates: true');
    expect(out).toMatch(/⇢ request \d+ \(2 operations\): create Sequence .*"name":"Starlord Reveal"/);
    expect(out).toContain('2 operations in 1 request(s); sequence.$state: unchanged');
    expect(out).toContain('- Starlord Reveal (First hero character reveal.) under test; same object: true');
    expect(out).toContain('after rollback: description "First hero character reveal.", sequence.$state unchanged, draft.$state deleted, pending 0');
    expect(out).toContain('session.closed: true');
    expect(out).toMatch(/rejected with ConnectionClosedError \(code CONNECTION_CLOSED\)/);
    expect(out).toContain('closed-session query → ConnectionClosedError');
  });

  it('runs the events example: the action replies and the listener hears the status change', () => {
    const out = result.stdout;
    expect(out).toContain('=== Events: an action and a status listener through the event hub (examples/events.ts)');
    expect(out).toContain('[artist] ← reply: success true, "3 shots: sh010, sh020, sh030"');
    expect(out).toMatch(/\[pipeline\] status change: Shot \S+: .+ → .+ \(by admin\)/);
    expect(out).toMatch(/events +\d+\.\d\d s {2}\(1 action discovered, 3 shots listed, 1 status change heard\)/);
  });

  it('runs the publish example: the file, its download and its disk copy are equal, the thumbnail is served', () => {
    const out = result.stdout;
    expect(out).toContain('(examples/publish.ts)');
    expect(out).toContain('complete_multipart_upload');
    expect(out).toMatch(/publish +\d+\.\d\d s {2}\(1048576 bytes in 4 parts on .+, download equal: yes, thumbnail served: yes, disk copy equal: yes\)/);
  });

  it('never prints the API key', () => {
    expect(result.stdout + result.stderr).not.toContain(apiKey);
  });
});
