import pg, { type PoolClient } from 'pg';
import { connectionHeldByReadScope, type HeldConnection } from '../read-scope/read-scope';
import { ServiceDatabaseClient } from './service-database-client';

/**
 * A scope's reads are the profile's: each by tenant and customer, on their index, where a generic
 * plan is as good as one made for the values. Postgres would otherwise plan some of them again on
 * every call (it keeps making custom plans for a statement when a generic plan looks dearer, e.g.
 * with `$3 IS NULL OR ...` filters or `= ANY($2)`), which cost it more than running them.
 */
const GENERIC_PLANS = 'SET plan_cache_mode = force_generic_plan';
const PLANS_AS_USUAL = 'RESET plan_cache_mode';

type ConnectCallback = (error: Error | undefined, client?: PoolClient, release?: (error?: Error | boolean) => void) => void;

/**
 * The services' connection pool: inside a read scope with `oneConnection`, every connection
 * TypeORM asks for is the one the scope holds (acquired on its first read, given back when the
 * scope ends), so the scope's reads at once are pipelined on it (ServiceDatabaseClient) instead
 * of each taking a connection and a round trip of its own, with generic plans. Elsewhere it is
 * pg's pool.
 */
export class ReadScopePool extends pg.Pool {
  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    const held = callback && connectionHeldByReadScope(this, () => this.hold());
    if (!held) return callback ? super.connect(callback as never) : super.connect();
    // A read gives the connection back to the scope, not the pool (an error on it reaches the
    // HeldClient's own listener, so the pool drops it when the scope ends).
    held.then(
      (connection) => callback(undefined, connection.client, () => undefined),
      (error: Error) => callback(error),
    );
  }

  private async hold(): Promise<HeldClient> {
    const client = await super.connect();
    if (!(client instanceof ServiceDatabaseClient)) return new HeldClient(client);
    client.sharedByReadScope = true;
    // Only prepared statements have generic plans; without them (a transaction-mode pooler) the
    // scope leaves no setting on the connection either. The setting goes ahead of the scope's
    // reads and, when it ends, behind them: the pipeline keeps the order, so neither waits for an
    // answer. Neither can fail on a working connection (Postgres 12+), and pg's pool drops a
    // broken one.
    const generic = client.prepareReads;
    if (generic) client.query(GENERIC_PLANS).catch(() => undefined);
    return new HeldClient(client, () => {
      client.sharedByReadScope = false;
      if (generic) client.query(PLANS_AS_USUAL).catch(() => undefined);
    });
  }
}

/**
 * A pool connection a read scope holds, with the first error seen on it. Between the scope's
 * reads no TypeORM query runner listens on the connection, so this does (as pg's pool does for an
 * idle one): a connection lost then must not be an unhandled 'error' that ends the process.
 */
class HeldClient implements HeldConnection {
  error?: Error;
  private readonly onError = (error: Error) => {
    this.error ??= error;
  };

  constructor(
    readonly client: PoolClient,
    private readonly beforeRelease: () => void = () => undefined,
  ) {
    client.on('error', this.onError);
  }

  release(): void {
    this.beforeRelease();
    this.client.removeListener('error', this.onError);
    this.client.release(this.error);
  }
}

/** pg with ReadScopePool as its pool: TypeORM's `driver` option. */
export const pgWithReadScopePool: typeof pg = Object.create(pg, { Pool: { value: ReadScopePool } });
