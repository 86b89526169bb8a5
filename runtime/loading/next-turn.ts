/**
 * Runs `callback` after the current turn's promise jobs and I/O callbacks: `setImmediate` on Node,
 * a 0 ms timer where there is none (browsers).
 */
export function nextTurn(callback: () => void): void {
  if (typeof setImmediate === 'function') setImmediate(callback);
  else setTimeout(callback, 0);
}
