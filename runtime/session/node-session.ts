import type { UntypedWorkspace, WorkspaceShape } from '../contract/entity-types.js';
import type { Transport } from '../transport/transport.js';
import { UndiciTransport } from '../transport/undici-transport.js';
import type { DefaultTransportOptions } from './session-options.js';
import { Session as PortableSession } from './session.js';

/**
 * A connection to an ftrack server with an identity map and a unit of work: every entity the
 * server returns is one JavaScript object per type + primary key for the life of the session;
 * changes are recorded on those objects and sent by `commit()` as one batch. On Node, requests go
 * through undici (keep-alive connections; the `dispatcher` option); the browser entry's `Session`
 * sends with `fetch`.
 *
 * @example
 * await using session = new Session(); // FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY
 * const projects = await session.query('Project where status is active').all();
 * // select context_type, id, name from Project where status is active limit 500
 */
export class Session<W extends WorkspaceShape = UntypedWorkspace> extends PortableSession<W> {
  protected static override createTransport(options: DefaultTransportOptions): Transport {
    return new UndiciTransport(options);
  }
}
