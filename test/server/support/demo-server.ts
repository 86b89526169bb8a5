import type { ServerHandle } from '../../../server/index.js';
import { callApi, query } from './api-client.js';

type ErrorBody = { exception: string; content: string; error_code: string | null };

/** Sends a batch and returns its results, or throws the server's error content. */
export async function batch(server: ServerHandle, operations: unknown[]): Promise<Record<string, unknown>[]> {
  const { body } = await callApi<Record<string, unknown>[] | ErrorBody>(server, operations);
  if (!Array.isArray(body)) throw new Error(`${body.exception}: ${body.content}`);
  return body;
}

/** Sends a batch that must fail and returns the error object. */
export async function failing(server: ServerHandle, operations: unknown[]): Promise<ErrorBody> {
  const { body } = await callApi<unknown[] | ErrorBody>(server, operations);
  if (Array.isArray(body)) throw new Error(`expected an error, got ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** The first row of a query, or undefined. */
export async function one(server: ServerHandle, expression: string): Promise<Record<string, unknown> | undefined> {
  return (await query(server, expression)).data[0];
}

/** Reference to an entity in request form. */
export const ref = (type: string, id: unknown) => ({ __entity_type__: type, id });
