import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// Runs examples/events.ts as a user would (no FTRACK_SERVER: it starts the local server), and checks
// that the action's discover and launch replies and the listener's status change are printed, and
// that the process exits by itself (no socket or timer left open) with code 0.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let result: { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

beforeAll(() => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'examples/events.ts'], {
    cwd: repoRoot,
    env: { ...process.env, FTRACK_SERVER: '', FTRACK_API_KEY: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  result = { status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
}, 70_000);

describe('examples/events.ts', () => {
  it('exits by itself with code 0', () => {
    expect(result.signal, 'killed by the timeout: something kept the process alive').toBeNull();
    expect(result.stderr).not.toMatch(/failed/);
    expect(result.status, result.stderr).toBe(0);
  });

  it('registers the action and the listener before anything is published', () => {
    expect(result.stdout).toContain(
      '[pipeline] subscribed: topic=ftrack.action.discover | topic=ftrack.action.launch and data.actionIdentifier=examples.list-shots | topic=ftrack.update',
    );
  });

  it('discovers and launches the action from the other session and prints its replies', () => {
    const out = result.stdout;
    expect(out).toContain('[artist] → ftrack.action.discover, selection: Sequence sq010');
    expect(out).toContain('[artist] ← reply: List shots (examples.list-shots)');
    expect(out).toContain('[pipeline] launch: 3 shots in the sequence');
    expect(out).toContain('[artist] ← reply: success true, "3 shots: sh010, sh020, sh030"');
    expect(out.indexOf('← reply: List shots')).toBeLessThan(out.indexOf('→ ftrack.action.launch'));
  });

  it('the listener logs the committed status change with the old and new status names', () => {
    const committed = /\[artist\] commit: Shot (\S+) status → (.+)/.exec(result.stdout);
    expect(committed, result.stdout).not.toBeNull();
    const [, shot, status] = committed!;
    expect(result.stdout).toMatch(new RegExp(`\\[pipeline\\] status change: Shot ${shot}: (.+) → ${status} \\(by admin\\)`));
    const heard = /status change: Shot \S+: (.+) → (.+) \(by/.exec(result.stdout)!;
    expect(heard[1]).not.toBe(heard[2]);
  });
});
