import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BookingForm, ScheduleEntryView, TicketView } from '@app/contracts';
import { iso, money } from '../common/money';
import { rowsOf } from '../common/sql';
import type { ScheduleEntryInput } from './schedule-input';

export interface TicketRow {
  id: string;
  name: string;
  price: number;
  currency: string;
  customerGroupId: string | null;
}
export interface ScheduleEntryRow {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  placesBooked: number;
  bookingForm: BookingForm;
  createdAt: Date;
  tickets: TicketRow[];
}

const ENTRY_SELECT = `
  SELECT e.id, e.title, e.starts_at, e.ends_at, e.capacity, e.places_booked, e.booking_form, e.created_at,
         (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'price', t.price, 'currency', t.currency,
                                                     'customerGroupId', t.customer_group_id) ORDER BY t.position), '[]')
            FROM tickets t WHERE t.tenant_id = e.tenant_id AND t.schedule_entry_id = e.id) AS tickets
    FROM schedule_entries e`;

/** Schedule entries and their tickets. */
@Injectable()
export class ScheduleRepository {
  async insert(em: EntityManager, tenantId: string, id: string, entry: ScheduleEntryInput, ticketIds: string[]): Promise<void> {
    await em.query(
      `INSERT INTO schedule_entries (tenant_id, id, title, starts_at, ends_at, capacity, booking_form) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenantId, id, entry.title, entry.startsAt, entry.endsAt, entry.capacity, JSON.stringify(entry.bookingForm)],
    );
    await em.query(
      `INSERT INTO tickets (tenant_id, id, schedule_entry_id, position, name, price, currency, customer_group_id)
       SELECT $1, t.id, $2, t.position, t.name, t.price, t.currency, t.customer_group_id
         FROM jsonb_to_recordset($3::jsonb) AS t(id uuid, position int, name text, price int, currency text, customer_group_id uuid)`,
      [tenantId, id, JSON.stringify(entry.tickets.map((t, i) => ({ id: ticketIds[i], position: i, name: t.name, price: t.price, currency: t.currency, customer_group_id: t.customerGroupId })))],
    );
  }

  async find(em: EntityManager, tenantId: string, id: string): Promise<ScheduleEntryRow | null> {
    const [row] = await em.query(`${ENTRY_SELECT} WHERE e.tenant_id = $1 AND e.id = $2`, [tenantId, id]);
    return row ? toRow(row) : null;
  }

  async page(em: EntityManager, tenantId: string, filter: { from: Date | null; to: Date | null; after: { startsAt: string; id: string } | null; limit: number }): Promise<ScheduleEntryRow[]> {
    const rows = await em.query(
      `${ENTRY_SELECT}
        WHERE e.tenant_id = $1
          AND ($2::timestamptz IS NULL OR e.starts_at >= $2)
          AND ($3::timestamptz IS NULL OR e.starts_at < $3)
          AND ($4::timestamptz IS NULL OR (e.starts_at, e.id) > ($4, $5::uuid))
        ORDER BY e.starts_at, e.id
        LIMIT $6`,
      [tenantId, filter.from, filter.to, filter.after?.startsAt ?? null, filter.after?.id ?? null, filter.limit],
    );
    return rows.map(toRow);
  }

  /** Takes `places` of the entry's capacity, or answers false when that would overbook it. */
  async takePlaces(em: EntityManager, tenantId: string, id: string, places: number): Promise<boolean> {
    const updated = await em.query(
      `UPDATE schedule_entries SET places_booked = places_booked + $3
        WHERE tenant_id = $1 AND id = $2 AND places_booked + $3 <= capacity RETURNING id`,
      [tenantId, id, places],
    );
    return rowsOf(updated).length > 0;
  }

  async releasePlaces(em: EntityManager, tenantId: string, id: string, places: number): Promise<void> {
    await em.query(`UPDATE schedule_entries SET places_booked = places_booked - $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, places]);
  }
}

function toRow(row: Record<string, any>): ScheduleEntryRow {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: row.capacity,
    placesBooked: row.places_booked,
    bookingForm: row.booking_form,
    createdAt: row.created_at,
    tickets: row.tickets,
  };
}

export function scheduleEntryView(row: ScheduleEntryRow): ScheduleEntryView {
  return {
    id: row.id,
    title: row.title,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    capacity: row.capacity,
    placesBooked: row.placesBooked,
    placesLeft: row.capacity - row.placesBooked,
    tickets: row.tickets.map(
      (t): TicketView => ({ id: t.id, name: t.name, price: money(t.price, t.currency), exclusive: t.customerGroupId !== null, customerGroupId: t.customerGroupId }),
    ),
    bookingForm: row.bookingForm,
    createdAt: iso(row.createdAt),
  };
}
