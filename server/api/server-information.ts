import { computeSchemaHash } from '../../runtime/schema/index.js';

/** Server version reported by `query_server_information` (accepted by every client). */
export const SERVER_VERSION = 'dev';

/**
 * Builds the `query_server_information` answer; `values` limits it to the named keys (plus
 * defaults). `userInformation`, when given, answers `user_information` (only when asked for).
 *
 * @example
 * serverInformation(schema, hash, ['user_information'], () => ({ id: '…', username: 'admin' }));
 * // { version: 'dev', user_information: { id: '…', username: 'admin' } }
 */
export function serverInformation(
  schema: readonly unknown[],
  schemaHash: string | undefined,
  values: unknown,
  userInformation?: () => Record<string, unknown> | undefined,
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    version: SERVER_VERSION,
    schema_hash: schemaHash ?? computeSchemaHash(schema),
    is_timezone_support_enabled: true,
    storage_scenario: { scenario: 'ftrack.automatic', data: {} },
    is_nested_subqueries_enabled: true,
    week_startday: 0,
    workday_length: 28800,
    display_week_numbers: false,
    preferred_language: 'en',
  };
  if (!Array.isArray(values)) {
    const { version, schema_hash, is_timezone_support_enabled, storage_scenario } = all;
    return { version, schema_hash, is_timezone_support_enabled, storage_scenario };
  }
  const out: Record<string, unknown> = { version: all.version };
  for (const name of values) if (typeof name === 'string' && name in all) out[name] = all[name];
  if (values.includes('user_information')) {
    const user = userInformation?.();
    if (user !== undefined) out.user_information = user;
  }
  return out;
}
