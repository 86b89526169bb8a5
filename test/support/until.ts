/** Polls `condition` every 10 ms; rejects with `Timed out waiting for ${what}` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
