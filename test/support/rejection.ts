import { inspect } from 'node:util';
import { expect } from 'vitest';

/** The rejection of `promise`; its message and inspection (hidden properties included) never hold `secret`. */
async function failure(promise: Promise<unknown>, secret: string): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(String((error as Error).message)).not.toContain(secret);
    expect(inspect(error, { depth: 8, showHidden: true })).not.toContain(secret);
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** `failure` bound to one secret: `const rejection = failureWithout(KEY); await rejection(send())`. */
export function failureWithout(secret: string): (promise: Promise<unknown>) => Promise<Error> {
  return (promise) => failure(promise, secret);
}
