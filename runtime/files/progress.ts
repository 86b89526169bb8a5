/** Progress of a transfer: bytes done of `total`; `loaded` never decreases and ends at `total`. */
export interface TransferProgress {
  readonly loaded: number;
  readonly total: number;
}

/**
 * Sums the bytes of concurrent PUTs and reports only increases: a retried part starts again from
 * zero without the reported figure going back.
 */
export class ProgressTracker {
  readonly #total: number;
  readonly #listener: ((progress: TransferProgress) => void) | undefined;
  readonly #byPart = new Map<number, number>();
  #sum = 0;
  #reported = -1;

  constructor(total: number, listener: ((progress: TransferProgress) => void) | undefined) {
    this.#total = total;
    this.#listener = listener;
  }

  /** Sets the bytes sent of `part` in its current attempt. */
  update(part: number, sent: number): void {
    this.#sum += sent - (this.#byPart.get(part) ?? 0);
    this.#byPart.set(part, sent);
    // `total` is reported once, by `finish()`, when every PUT has been answered.
    this.#emit(Math.min(this.#sum, this.#total - 1));
  }

  /** Everything was sent. */
  finish(): void {
    this.#emit(this.#total);
  }

  #emit(loaded: number): void {
    if (loaded <= this.#reported || this.#listener === undefined) return;
    this.#reported = loaded;
    this.#listener({ loaded, total: this.#total });
  }
}
