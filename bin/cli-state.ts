/** Shared mutable exit status that commands set. */
export interface CliState {
  exitCode: number;
}
