import { createHash } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';

export interface ServiceDatabaseClientConfig extends ClientConfig {
  /** Run parameterised SELECTs as prepared statements (default true). */
  prepareReads?: boolean;
  /** Most statements one connection prepares; later ones run unprepared. */
  preparedReadsLimit?: number;
}

/** Postgres: "cached plan must not change result type" (a table's columns changed under a prepared SELECT *). */
const isStalePlan = (e: unknown) => (e as { code?: string })?.code === '0A000' && /cached plan/i.test(String((e as Error).message));
const BEGINS_TRANSACTION = /^\s*(START\s+TRANSACTION|BEGIN)\b/i;

/**
 * The pg client of every service's pool (`extra.Client`). TypeORM has options for neither of its
 * two additions, both for the many small indexed reads the services answer with:
 *
 * - Prepared reads: parameterised SELECTs run as named statements, which Postgres parses and
 *   plans once per connection instead of on every call (the profile benchmark's direct reader:
 *   ~105 → ~170 profiles/s). Their text is fixed by the code while values go in parameters, so
 *   the number of statements stays bounded (and is capped per connection anyway). A statement
 *   whose result columns changed since it was prepared (a migration while the service runs) runs
 *   unprepared on that connection from then on. Behind a pooler in transaction mode without
 *   prepared-statement support, set DATABASE_PREPARE_READS=false.
 * - Shared reads: the client is in pg's pipeline mode (a query is sent without waiting for the
 *   answer to the one before; used one at a time, as TypeORM does, nothing changes). While a read
 *   scope holds it (ReadScopePool), the queries issued in one turn of the event loop go to
 *   Postgres in one write, and Postgres answers them one after another without waiting for us.
 */
export class ServiceDatabaseClient extends Client {
  readonly prepareReads: boolean;
  private readonly limit: number;
  private readonly names = new Map<string, string | null>();
  /** Set while a read scope holds this connection. */
  sharedByReadScope = false;
  private corked = false;

  constructor(config: ServiceDatabaseClientConfig) {
    super({ ...config, pipeline: true } as ClientConfig);
    // Each TypeORM query runner on a connection listens for its errors while it holds it; a read
    // scope's reads at once are as many runners on one connection.
    this.setMaxListeners(100);
    this.prepareReads = config.prepareReads ?? true;
    this.limit = config.preparedReadsLimit ?? 500;
  }

  // pg's query has many overloads; TypeORM calls query(text, values) and awaits the promise.
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    if (this.sharedByReadScope) {
      if (typeof text === 'string' && BEGINS_TRANSACTION.test(text)) {
        return Promise.reject(new Error('A read scope shares its connection among reads at once: a transaction does not belong in it'));
      }
      this.writeTogetherThisTurn();
    }
    const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined ? this.nameFor(text) : null;
    if (!name) return (super.query as (...a: unknown[]) => unknown)(...args);
    return super.query({ name, text, values }).catch((e: unknown) => {
      if (!isStalePlan(e)) throw e;
      this.names.set(text, null);
      return super.query(text, values);
    });
  }

  /** Holds back this turn's writes to the socket and sends them as one when the turn's work is done. */
  private writeTogetherThisTurn(): void {
    const stream = (this as unknown as { connection: { stream: NodeJS.WritableStream & { cork?(): void; uncork?(): void } } }).connection.stream;
    if (this.corked || !stream.cork) return;
    this.corked = true;
    stream.cork();
    setImmediate(() => {
      this.corked = false;
      stream.uncork!();
    });
  }

  private nameFor(text: string): string | null {
    if (!this.prepareReads) return null;
    const known = this.names.get(text);
    if (known !== undefined) return known;
    if (!/^\s*SELECT\b/i.test(text) || this.names.size >= this.limit) return null;
    const name = `r_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    this.names.set(text, name);
    return name;
  }
}
