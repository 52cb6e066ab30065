import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, pageLimit, type Caller } from '@app/common';
import { BookingErrorCodes, invalid, notFound, type Page, type ScheduleEntryView } from '@app/contracts';
import { TenantSettingsStore } from '@app/platform';
import { InputReader } from '../common/input';
import { readScheduleEntryInput } from './schedule-input';
import { ScheduleRepository, scheduleEntryView } from './schedule.repository';

const SORT = 'startsAt';

/** Schedule entries with tickets and booking forms (B1). */
@Injectable()
export class ScheduleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ScheduleRepository,
    private readonly settings: TenantSettingsStore,
  ) {}

  async create(caller: Caller, input: Record<string, unknown>): Promise<ScheduleEntryView> {
    const { tenantId } = caller;
    const { currency } = await this.settings.get(tenantId);
    const entry = readScheduleEntryInput(input, currency);
    return this.dataSource.transaction(async (em) => {
      const groupIds = [...new Set(entry.tickets.map((t) => t.customerGroupId).filter((g): g is string => g !== null))];
      if (groupIds.length) {
        const found: Array<{ id: string }> = await em.query(`SELECT id FROM customer_groups WHERE tenant_id = $1 AND id = ANY($2)`, [tenantId, groupIds]);
        const known = new Set(found.map((g) => g.id));
        const errors: Record<string, string[]> = {};
        entry.tickets.forEach((t, i) => {
          if (t.customerGroupId && !known.has(t.customerGroupId)) errors[`tickets[${i}].customerGroupId`] = ['is not a customer group of this tenant'];
        });
        if (Object.keys(errors).length) throw invalid(errors);
      }
      const id = randomUUID();
      await this.repository.insert(em, tenantId, id, entry, entry.tickets.map(() => randomUUID()));
      return scheduleEntryView((await this.repository.find(em, tenantId, id))!);
    });
  }

  async get(caller: Caller, id: string): Promise<ScheduleEntryView> {
    const row = await this.repository.find(this.dataSource.manager, caller.tenantId, id);
    if (!row) throw notFound('Schedule entry', BookingErrorCodes.scheduleEntryNotFound);
    return scheduleEntryView(row);
  }

  /** Entries by start time, optionally within [from, to). */
  async list(caller: Caller, query: Record<string, unknown>): Promise<Page<ScheduleEntryView>> {
    const r = new InputReader();
    const from = r.instant(query.from, 'from', { optional: true });
    const to = r.instant(query.to, 'to', { optional: true });
    if (!r.ok) throw invalid(r.errors);
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, SORT);
    const rows = await this.repository.page(this.dataSource.manager, caller.tenantId, {
      from,
      to,
      after: cursor ? { startsAt: cursor.value, id: cursor.id } : null,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map(scheduleEntryView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor(SORT, { value: last.startsAt, id: last.id }) : null };
  }
}
