import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, pageLimit, type Caller } from '@app/common';
import { invalid, type Actor, type Page } from '@app/contracts';
import { CustomersRepository } from '../customers/customers.repository';
import { HISTORY_CATEGORIES, type HistoryCategory } from './history-entries';

export interface HistoryEntryView {
  id: string;
  at: string;
  category: HistoryCategory;
  /** The event the entry came from, e.g. `bookings.booking.created`. */
  type: string;
  name: string;
  description: string;
  actor: Actor;
  data: Record<string, unknown>;
}

/** The customer's timeline (C16): newest first, by category, with a cursor to show more. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomersRepository,
  ) {}

  async list(caller: Caller, id: string, query: Record<string, unknown>): Promise<Page<HistoryEntryView>> {
    const category = query.category;
    if (category !== undefined && !HISTORY_CATEGORIES.includes(category as HistoryCategory)) {
      throw invalid({ category: [`must be one of ${HISTORY_CATEGORIES.join(', ')}`] });
    }
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, '-at');
    const em = this.dataSource.manager;
    await this.customers.assertLive(em, caller.tenantId, id);
    const rows = await em.query(
      `SELECT id, at, category, type, name, description, actor, data FROM customer_history
        WHERE tenant_id = $1 AND customer_id = $2 AND ($3::text IS NULL OR category = $3)
          AND ($4::timestamptz IS NULL OR (at, id) < ($4, $5::uuid))
        ORDER BY at DESC, id DESC LIMIT $6`,
      [caller.tenantId, id, category ?? null, after?.value ?? null, after?.id ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map((r: Record<string, any>): HistoryEntryView => ({ ...r, at: r.at.toISOString() }) as HistoryEntryView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor('-at', { value: last.at, id: last.id }) : null };
  }
}
