import pg, { type PoolClient } from 'pg';
import { connectionHeldByReadScope } from '../read-scope/read-scope';
import { ServiceDatabaseClient } from './service-database-client';

type ConnectCallback = (error: Error | undefined, client?: PoolClient, release?: (error?: Error | boolean) => void) => void;

/**
 * The services' connection pool: inside a read scope with `oneConnection`, every connection
 * TypeORM asks for is the one the scope holds (acquired on its first read, given back when the
 * scope ends), so the scope's reads at once are pipelined on it (ServiceDatabaseClient) instead
 * of each taking a connection and a round trip of its own. Elsewhere it is pg's pool.
 */
export class ReadScopePool extends pg.Pool {
  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    const held = callback && connectionHeldByReadScope(this, () => this.hold());
    if (!held) return callback ? super.connect(callback as never) : super.connect();
    held.then(
      ({ client }) => callback(undefined, client, () => undefined),
      (error: Error) => callback(error),
    );
  }

  private async hold() {
    const client = await super.connect();
    const shared = client instanceof ServiceDatabaseClient ? client : undefined;
    if (shared) shared.sharedByReadScope = true;
    return {
      client,
      release: (error?: Error) => {
        if (shared) shared.sharedByReadScope = false;
        client.release(error);
      },
    };
  }
}

/** pg with ReadScopePool as its pool: TypeORM's `driver` option. */
export const pgWithReadScopePool: typeof pg = Object.create(pg, { Pool: { value: ReadScopePool } });
