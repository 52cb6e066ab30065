import type { EntityManager } from 'typeorm';
import type { Page } from '@app/contracts';

/**
 * Which of a customer's profile tabs have any rows, asked in one statement of EXISTS probes, so
 * that a profile reads only the tabs with something in them. Most customers have most tabs
 * empty, and on this platform every statement's round trip costs more than its read. Each probe
 * is `FROM <table> WHERE ...` with $1 the tenant and $2 the customer, and must hold for every
 * row its tab can show (finding rows that the tab then filters out only costs the read).
 */
export class TabsWithRows {
  private constructor(private readonly present: Set<string>) {}

  static async of(em: EntityManager, tenantId: string, customerId: string, probes: Record<string, string>): Promise<TabsWithRows> {
    const names = Object.keys(probes);
    if (names.length === 0) return new TabsWithRows(new Set());
    const [row] = await em.query(`SELECT ${names.map((name, i) => `EXISTS (SELECT 1 ${probes[name]}) AS t${i}`).join(', ')}`, [tenantId, customerId]);
    return new TabsWithRows(new Set(names.filter((_name, i) => row[`t${i}`])));
  }

  has(name: string): boolean {
    return this.present.has(name);
  }

  /**
   * The tab's first page as `reader` gives it, or, without reading, the empty page when it has
   * no rows (with `more`: the figures the tab's page carries besides its items, as they are
   * with none).
   */
  read<P extends Page<unknown>>(name: string, reader: () => Promise<P>, more?: Omit<P, keyof Page<unknown>>): Promise<P> {
    return this.present.has(name) ? reader() : Promise.resolve({ items: [], nextCursor: null, ...more } as unknown as P);
  }
}
