import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThan, type EntityManager } from 'typeorm';
import { invalid, type ConsentStatus, type ConsentView, type Page } from '@app/contracts';
import { type Caller, decodeCursor, encodeCursor, pageLimit } from '@app/common';
import { CustomerChangesService } from '../customers/customer-changes.service';
import { CustomersRepository } from '../customers/customers.repository';
import { ConsentHistoryEntity } from './consent-history.entity';
import { validateConsentInput } from './consent-rules';
import { ConsentEntity } from './consent.entity';

const CURSOR_SORT = 'key';

/** Consents (C7): the current status per consent key, with its full history newest first. */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CustomersRepository,
    private readonly changes: CustomerChangesService,
  ) {}

  /** The customer's consents by key, each with its whole history (newest first). */
  async list(caller: Caller, id: string, query: Record<string, unknown>): Promise<Page<ConsentView>> {
    const { tenantId } = caller;
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, CURSOR_SORT);
    const em = this.dataSource.manager;
    await this.repository.assertLive(em, tenantId, id);
    const rows = await em.find(ConsentEntity, {
      where: { tenantId, customerId: id, ...(after ? { key: MoreThan(after.value) } : {}) },
      order: { key: 'ASC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = await this.views(em, tenantId, id, page);
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor(CURSOR_SORT, { value: last.key, id: last.key }) : null };
  }

  /** Appends the change to the history and makes it the current status; publishes customer.updated. */
  async set(caller: Caller, id: string, input: Record<string, unknown>): Promise<ConsentView> {
    const { value, errors } = validateConsentInput(input, caller.actor);
    if (Object.keys(errors).length) throw invalid(errors);
    const { tenantId } = caller;
    const { result } = await this.changes.change(
      caller,
      id,
      async (em) => {
        await this.write(em, tenantId, id, value.key, value.status, value.source, new Date());
        const current = await em.findOneByOrFail(ConsentEntity, { tenantId, customerId: id, key: value.key });
        return (await this.views(em, tenantId, id, [current]))[0];
      },
      ['consents'],
    );
    return result;
  }

  /**
   * Consent answers of a booking (C7), inside the caller's transaction: given and revoked are
   * appended to the history and become current; "not captured" (an admin booking that did not
   * ask) is recorded only for a consent the customer has no status for yet, so it never
   * overrides an answer the customer gave. Answers how many consents changed.
   */
  async recordFromBooking(em: EntityManager, tenantId: string, customerId: string, answers: Record<string, ConsentStatus>, source: string, at: Date): Promise<number> {
    const keys = Object.keys(answers);
    if (keys.length === 0) return 0;
    const current = new Set((await em.findBy(ConsentEntity, { tenantId, customerId, key: In(keys) })).map((c) => c.key));
    let written = 0;
    for (const [key, status] of Object.entries(answers)) {
      if (status === 'not_captured' && current.has(key)) continue;
      await this.write(em, tenantId, customerId, key, status, source, at);
      written++;
    }
    return written;
  }

  /** Appends to the history; the change becomes current unless a later one is already (a booking processed late). */
  private async write(em: EntityManager, tenantId: string, customerId: string, key: string, status: ConsentStatus, source: string, at: Date): Promise<void> {
    await em.insert(ConsentHistoryEntity, { tenantId, customerId, key, status, source, at });
    await em.query(
      `INSERT INTO consents (tenant_id, customer_id, key, status, source, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, customer_id, key) DO UPDATE SET status = EXCLUDED.status, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at
       WHERE consents.updated_at <= EXCLUDED.updated_at`,
      [tenantId, customerId, key, status, source, at],
    );
  }

  private async views(em: EntityManager, tenantId: string, customerId: string, consents: ConsentEntity[]): Promise<ConsentView[]> {
    if (consents.length === 0) return [];
    const history = await em.find(ConsentHistoryEntity, {
      where: { tenantId, customerId, key: In(consents.map((c) => c.key)) },
      order: { at: 'DESC', id: 'DESC' },
    });
    return consents.map((c) => ({
      key: c.key,
      status: c.status,
      updatedAt: c.updatedAt.toISOString(),
      source: c.source,
      history: history.filter((h) => h.key === c.key).map((h) => ({ status: h.status, at: h.at.toISOString(), source: h.source })),
    }));
  }
}
