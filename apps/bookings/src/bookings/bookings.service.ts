import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '@app/common';
import {
  BookingErrorCodes,
  BookingEvents,
  BookingsPatterns,
  conflict,
  invalid,
  notFound,
  unprocessable,
  type Actor,
  type AttendanceRecordedV1,
  type BookingCancelledV1,
  type BookingCreatedV1,
  type BookingView,
} from '@app/contracts';
import { CustomerDirectory, IdempotencyService, OutboxService, TenantSettingsStore } from '@app/platform';
import { CustomerResolver } from '../common/customer-resolver';
import { InputReader } from '../common/input';
import { CustomerStats } from '../customer-view/customer-stats';
import { lockMemberUsage } from '../offers/member-usage';
import { OffersService } from '../offers/offers.service';
import { PassesService } from '../passes/passes.service';
import { ScheduleRepository, type ScheduleEntryRow } from '../schedule/schedule.repository';
import { VouchersService } from '../vouchers/vouchers.service';
import { answerForm, isLeadBooker, readBookingRequest, type BookingRequest } from './booking-input';
import { BookingsRepository, type NewAttendee } from './bookings.repository';

const bookingNotFound = () => notFound('Booking', BookingErrorCodes.bookingNotFound);

/**
 * Bookings (B2): a lead booker books tickets of a schedule entry for attendees, in one
 * transaction that checks every rule where the data lives. Counters are taken by conditional
 * updates in a fixed order (offer uses, pass, voucher, then the entry's places), so concurrent
 * bookings and cancellations neither overbook nor deadlock; a refused booking writes nothing.
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: BookingsRepository,
    private readonly schedule: ScheduleRepository,
    private readonly offers: OffersService,
    private readonly passes: PassesService,
    private readonly vouchers: VouchersService,
    private readonly stats: CustomerStats,
    private readonly directory: CustomerDirectory,
    private readonly customers: CustomerResolver,
    private readonly settings: TenantSettingsStore,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
  ) {}

  async create(caller: Caller, input: Record<string, unknown>, idempotencyKey: unknown): Promise<BookingView> {
    const { tenantId } = caller;
    const request = readBookingRequest(input);
    const channel = caller.actor.type === 'customer' ? 'customer' : 'admin';
    const view = await this.idempotency.run(tenantId, idempotencyKey, BookingsPatterns.createBooking, { request, channel }, (em) =>
      this.book(em, caller, request, channel),
    );
    this.outbox.flush();
    return view;
  }

  private async book(em: EntityManager, caller: Caller, request: BookingRequest, channel: 'admin' | 'customer'): Promise<BookingView> {
    const { tenantId, actor } = caller;
    const entry = await this.schedule.find(em, tenantId, request.scheduleEntryId);
    if (!entry) throw unprocessable(BookingErrorCodes.scheduleEntryNotFound, 'The schedule entry does not exist');
    const now = new Date();
    if (entry.endsAt.getTime() <= now.getTime()) {
      throw unprocessable(BookingErrorCodes.scheduleEntryEnded, `"${entry.title}" ended at ${entry.endsAt.toISOString()}`);
    }
    const tickets = new Map(entry.tickets.map((t) => [t.id, t]));
    const unknownTicket = request.attendees.findIndex((a) => !tickets.has(a.ticketId));
    if (unknownTicket >= 0) {
      throw unprocessable(BookingErrorCodes.ticketNotFound, 'A ticket is not one of this schedule entry’s tickets', { attendee: unknownTicket });
    }
    const answers = answerForm(entry.bookingForm, request.attendees, channel);
    if (channel === 'customer') await this.assertBooksAsSelf(em, tenantId, actor, request);

    // The booker's offer uses are counted and merged one transaction at a time (see lockMemberUsage);
    // who they are is read after taking the lock.
    if (request.attendees.some((a) => tickets.get(a.ticketId)!.customerGroupId)) await lockMemberUsage(em, tenantId, request.leadBooker.email);
    const lead = await this.directory.findByEmail(em, tenantId, request.leadBooker.email);
    const leadCustomerId = lead?.customerId ?? null;
    const known = await this.directory.idsByEmails(em, tenantId, request.attendees.flatMap((a) => (a.email ? [a.email] : [])));
    const bookingId = randomUUID();
    const attendees: NewAttendee[] = request.attendees.map((a, i) => ({
      id: randomUUID(),
      ticketId: a.ticketId,
      customerId: a.email ? (known.get(a.email) ?? null) : isLeadBooker(a, request.leadBooker) ? leadCustomerId : null,
      email: a.email,
      firstName: a.firstName,
      lastName: a.lastName,
      fields: answers[i].fields,
      consents: answers[i].consents,
    }));

    const { timeZone } = await this.settings.get(tenantId, em);
    await this.offers.use(em, {
      tenantId,
      timeZone,
      entry,
      bookingId,
      leadEmail: request.leadBooker.email,
      leadCustomerId,
      attendees: request.attendees.map((a) => ({ ticketId: a.ticketId, isLead: isLeadBooker(a, request.leadBooker) })),
    });
    let total = request.attendees.reduce((sum, a) => sum + tickets.get(a.ticketId)!.price, 0);
    if (request.passId) {
      await this.passes.useForBooking(em, tenantId, { passId: request.passId, customerId: leadCustomerId, attendeeIds: attendees.map((a) => a.id), bookingId, now });
      total = 0; // the pass pays: one use per attendee
    }
    if (request.voucherCode) {
      const value = await this.vouchers.redeemForBooking(em, tenantId, request.voucherCode, leadCustomerId, bookingId, actor);
      total = Math.max(0, total - value);
    }
    if (!(await this.schedule.takePlaces(em, tenantId, entry.id, attendees.length))) {
      throw conflict(BookingErrorCodes.scheduleEntryFull, `"${entry.title}" has ${entry.capacity - entry.placesBooked} place(s) left; ${attendees.length} were asked for`, {
        placesLeft: entry.capacity - entry.placesBooked,
      });
    }

    await this.repository.insert(
      em,
      tenantId,
      {
        id: bookingId,
        scheduleEntryId: entry.id,
        channel,
        lead: { customerId: leadCustomerId, ...request.leadBooker },
        totalAmount: total,
        currency: entry.tickets[0].currency,
        voucherCode: request.voucherCode,
        passId: request.passId,
        bookedAt: now,
      },
      attendees,
    );
    const links = [
      ...(leadCustomerId ? [{ customerId: leadCustomerId, bookingId, isLead: true, isAttendee: false }] : []),
      ...attendees.flatMap((a) => (a.customerId ? [{ customerId: a.customerId, bookingId, isLead: false, isAttendee: true }] : [])),
    ];
    await this.stats.link(em, tenantId, links);
    await this.outbox.enqueue<BookingCreatedV1>(em, {
      type: BookingEvents.bookingCreated,
      tenantId,
      actor,
      data: {
        bookingId,
        scheduleEntry: entryRef(entry),
        bookedAt: now.toISOString(),
        channel,
        leadBooker: { customerId: leadCustomerId, ...request.leadBooker },
        attendees: attendees.map((a) => ({
          attendeeId: a.id,
          customerId: a.customerId,
          email: a.email,
          firstName: a.firstName,
          lastName: a.lastName,
          ticketId: a.ticketId,
          ticketName: tickets.get(a.ticketId)!.name,
          fields: a.fields,
          consents: a.consents,
        })),
        total: { amount: total, currency: entry.tickets[0].currency },
      },
    });
    await this.stats.publish(em, tenantId, actor, links.map((l) => l.customerId));
    return (await this.repository.view(em, tenantId, bookingId))!;
  }

  /** A portal token books only as its own customer: the lead booker's email must be one of theirs. */
  private async assertBooksAsSelf(em: EntityManager, tenantId: string, actor: Actor, request: BookingRequest): Promise<void> {
    const self = await this.customers.require(em, tenantId, actor.id);
    if (!self.emails.includes(request.leadBooker.email)) {
      throw unprocessable(BookingErrorCodes.leadBookerNotSelf, 'A customer books as themselves: the lead booker’s email must be one of their own');
    }
  }

  async get(caller: Caller, id: string): Promise<BookingView> {
    const view = await this.repository.view(this.dataSource.manager, caller.tenantId, id);
    if (!view || (caller.actor.type === 'customer' && !involves(view, caller.actor.id))) throw bookingNotFound();
    return view;
  }

  /** Cancels a booking: its places, offer uses and pass uses are given back (a redeemed voucher stays redeemed). */
  async cancel(caller: Caller, id: string, idempotencyKey: unknown): Promise<BookingView> {
    const { tenantId, actor } = caller;
    const view = await this.idempotency.run(tenantId, idempotencyKey, `${BookingsPatterns.cancelBooking}:${id}`, {}, async (em) => {
      const booking = await this.repository.lock(em, tenantId, id);
      if (!booking) throw bookingNotFound();
      const before = (await this.repository.view(em, tenantId, id))!;
      if (actor.type === 'customer' && !involves(before, actor.id)) throw bookingNotFound();
      if (booking.status === 'cancelled') throw conflict(BookingErrorCodes.bookingCancelled, 'The booking is cancelled already');
      const now = new Date();
      // The uses go back where they are counted now: a merge of the booker's uses from their
      // email to their customer (bookings-customer listener) may be under way, and holds this lock.
      // (An erased booking has no email left, and its uses are the customer's.)
      if (before.leadBooker.email) await lockMemberUsage(em, tenantId, before.leadBooker.email);
      await this.offers.release(em, tenantId, id);
      await this.passes.returnForBooking(em, tenantId, id);
      await this.schedule.releasePlaces(em, tenantId, booking.schedule_entry_id, before.attendees.length);
      await em.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, now]);
      await em.query(`UPDATE customer_bookings SET status = 'cancelled' WHERE tenant_id = $1 AND booking_id = $2`, [tenantId, id]);
      await this.outbox.enqueue<BookingCancelledV1>(em, {
        type: BookingEvents.bookingCancelled,
        tenantId,
        actor,
        data: {
          bookingId: id,
          scheduleEntry: before.scheduleEntry,
          cancelledAt: now.toISOString(),
          leadBooker: before.leadBooker,
          attendees: before.attendees.map((a) => ({ attendeeId: a.id, customerId: a.customerId, email: a.email, firstName: a.firstName, lastName: a.lastName })),
        },
      });
      await this.stats.publish(em, tenantId, actor, customerIdsOf(before));
      return (await this.repository.view(em, tenantId, id))!;
    });
    this.outbox.flush();
    return view;
  }

  /** Marks attendees as attended or not (staff). */
  async recordAttendance(caller: Caller, id: string, input: Record<string, unknown>): Promise<BookingView> {
    const { tenantId, actor } = caller;
    const r = new InputReader();
    const marks = r.array(input.attendees, 'attendees', 1, 50).map((raw, i) => {
      const m = r.object(raw, `attendees[${i}]`);
      return { attendeeId: r.uuid(m.attendeeId, `attendees[${i}].attendeeId`) ?? '', attended: r.bool(m.attended, `attendees[${i}].attended`) };
    });
    if (!r.ok) throw invalid(r.errors);
    const view = await this.dataSource.transaction(async (em) => {
      const booking = await this.repository.lock(em, tenantId, id);
      if (!booking) throw bookingNotFound();
      if (booking.status === 'cancelled') throw conflict(BookingErrorCodes.bookingCancelled, 'Attendance cannot be recorded for a cancelled booking');
      const before = (await this.repository.view(em, tenantId, id))!;
      const ids = new Set(before.attendees.map((a) => a.id));
      const stranger = marks.findIndex((m) => !ids.has(m.attendeeId));
      if (stranger >= 0) throw unprocessable(BookingErrorCodes.attendeeNotFound, 'An attendee is not on this booking', { attendee: stranger });
      const now = new Date();
      await em.query(
        `UPDATE booking_attendees a SET attended = m.attended, attendance_recorded_at = $3
           FROM jsonb_to_recordset($4::jsonb) AS m(attendee_id uuid, attended boolean)
          WHERE a.tenant_id = $1 AND a.booking_id = $2 AND a.id = m.attendee_id`,
        [tenantId, id, now, JSON.stringify(marks.map((m) => ({ attendee_id: m.attendeeId, attended: m.attended })))],
      );
      await em.query(
        `UPDATE customer_bookings cb SET attended = (SELECT bool_or(a.attended) FROM booking_attendees a
                                                      WHERE a.tenant_id = cb.tenant_id AND a.booking_id = cb.booking_id AND a.customer_id = cb.customer_id)
          WHERE cb.tenant_id = $1 AND cb.booking_id = $2 AND cb.is_attendee`,
        [tenantId, id],
      );
      const after = (await this.repository.view(em, tenantId, id))!;
      const marked = new Set(marks.map((m) => m.attendeeId));
      await this.outbox.enqueue<AttendanceRecordedV1>(em, {
        type: BookingEvents.attendanceRecorded,
        tenantId,
        actor,
        data: {
          bookingId: id,
          scheduleEntry: after.scheduleEntry,
          recordedAt: now.toISOString(),
          attendees: after.attendees
            .filter((a) => marked.has(a.id))
            .map((a) => ({ attendeeId: a.id, customerId: a.customerId, email: a.email, firstName: a.firstName, lastName: a.lastName, attended: a.attended === true })),
        },
      });
      return after;
    });
    this.outbox.flush();
    return view;
  }
}

const entryRef = (entry: ScheduleEntryRow) => ({ id: entry.id, title: entry.title, startsAt: entry.startsAt.toISOString(), endsAt: entry.endsAt.toISOString() });

const customerIdsOf = (view: BookingView): string[] =>
  [view.leadBooker.customerId, ...view.attendees.map((a) => a.customerId)].filter((id): id is string => id !== null);

const involves = (view: BookingView, customerId: string) => customerIdsOf(view).includes(customerId);
