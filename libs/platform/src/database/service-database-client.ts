import { createHash } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';

export interface PreparedReadsConfig extends ClientConfig {
  /** Most statements one connection prepares; later ones run unprepared. */
  preparedReadsLimit?: number;
}

/** Postgres: "cached plan must not change result type" (a table's columns changed under a prepared SELECT *). */
const isStalePlan = (e: unknown) => (e as { code?: string })?.code === '0A000' && /cached plan/i.test(String((e as Error).message));

/**
 * A pg client that runs parameterised SELECTs as named (prepared) statements: Postgres parses
 * and plans such a statement once per connection instead of on every call. The services' reads
 * are many small indexed lookups whose parsing and planning cost Postgres more than the lookups
 * (the profile benchmark's direct reader: ~105 → ~170 profiles/s). TypeORM has no option for it;
 * the pool makes its connections with this class (`extra.Client`).
 *
 * Only SELECTs with parameters: their text is fixed by the code, while values go in parameters,
 * so the number of statements stays bounded (and is capped per connection anyway). A statement
 * whose result columns changed since it was prepared (a migration while the service runs) is
 * run unprepared on that connection from then on. Behind a pooler in transaction mode without
 * prepared-statement support, set DATABASE_PREPARE_READS=false.
 */
export class PreparedReadsClient extends Client {
  private readonly limit: number;
  private readonly names = new Map<string, string | null>();

  constructor(config: PreparedReadsConfig) {
    super(config);
    this.limit = config.preparedReadsLimit ?? 500;
  }

  // pg's query has many overloads; TypeORM calls query(text, values) and awaits the promise.
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined ? this.nameFor(text) : null;
    if (!name) return (super.query as (...a: unknown[]) => unknown)(...args);
    return super.query({ name, text, values }).catch((e: unknown) => {
      if (!isStalePlan(e)) throw e;
      this.names.set(text, null);
      return super.query(text, values);
    });
  }

  private nameFor(text: string): string | null {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    if (!/^\s*SELECT\b/i.test(text) || this.names.size >= this.limit) return null;
    const name = `r_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    this.names.set(text, name);
    return name;
  }
}
