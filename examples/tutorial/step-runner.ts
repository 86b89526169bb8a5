import type { Log } from '../support/request-log.js';

/** One finished tutorial step, for the demo's summary. */
export interface StepRecord {
  readonly title: string;
  readonly ms: number;
}

/**
 * Runs the tutorial's numbered steps: prints `[n] title`, then whatever the step logs (indented),
 * and records how long it took.
 */
export class StepRunner {
  readonly steps: StepRecord[] = [];

  constructor(readonly log: Log) {}

  /** Prints a result line of the current step. */
  say(...parts: unknown[]): void {
    this.log(`  ${parts.map((part) => (typeof part === 'string' ? part : String(part))).join(' ')}`);
  }

  async step<T>(title: string, body: () => Promise<T> | T): Promise<T> {
    this.log('');
    this.log(`[${this.steps.length + 1}] ${title}`);
    const started = performance.now();
    const result = await body();
    this.steps.push({ title, ms: performance.now() - started });
    return result;
  }
}
