import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CustomerB2BEvents,
  CustomersB2BErrorCodes,
  CustomersB2BPatterns,
  invalid,
  notFound,
  type AppointmentCreatedV1,
  type AppointmentDeletedV1,
  type AppointmentUpdatedV1,
  type AppointmentView,
  type Deleted,
  type Page,
} from '@app/contracts';
import type { Caller } from '@app/common';
import { TenantSettingsStore } from '@app/platform';
import { pageOf, pageRequest } from '../shared/account-page';
import { AccountStore } from '../shared/account-store.service';
import { actorRef } from '../shared/actor-ref';
import { changedFields, readFilters, SEASON, YEAR } from '../shared/input-reader';
import { applyAppointment, readAppointmentInput, toAppointmentView } from './appointment-rules';
import { AppointmentsRepository } from './appointments.repository';

const SORT = 'appointments:-startsAt';
const appointmentNotFound = () => notFound('Appointment', CustomersB2BErrorCodes.appointmentNotFound);

/** Appointments (C11): every year and season of the customer on the profile. */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly store: AccountStore,
    private readonly repository: AppointmentsRepository,
    private readonly settings: TenantSettingsStore,
  ) {}

  async create(caller: Caller, customerId: string, input: Record<string, unknown>, idempotencyKey?: unknown): Promise<AppointmentView> {
    const fields = readAppointmentInput(input, 'create');
    const { tenantId } = caller;
    return this.store.write(
      caller,
      async (em) => {
        await this.store.lockCustomer(em, tenantId, customerId, 'share');
        const { timeZone } = await this.settings.get(tenantId, em);
        const { record, error } = applyAppointment(null, fields, timeZone);
        if (error) throw invalid({ endsAt: [error] });
        const appointment = toAppointmentView(await this.repository.insert(em, tenantId, customerId, randomUUID(), record, actorRef(caller.actor)));
        await this.store.emit<AppointmentCreatedV1>(em, caller, CustomerB2BEvents.appointmentCreated, { customerId, item: appointment });
        return appointment;
      },
      { key: idempotencyKey, scope: `${CustomersB2BPatterns.createAppointment}:${customerId}`, request: input },
    );
  }

  async update(caller: Caller, customerId: string, appointmentId: string, input: Record<string, unknown>): Promise<AppointmentView> {
    const fields = readAppointmentInput(input, 'update');
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      const row = await this.repository.lock(em, tenantId, customerId, appointmentId);
      if (!row) throw appointmentNotFound();
      const before = toAppointmentView(row);
      const { timeZone } = await this.settings.get(tenantId, em);
      const { record, error } = applyAppointment(before, fields, timeZone);
      if (error) throw invalid({ endsAt: [error] });
      const changed = changedFields(before, { ...before, ...record });
      if (changed.length === 0) return before;
      const appointment = toAppointmentView(await this.repository.update(em, tenantId, appointmentId, record));
      await this.store.emit<AppointmentUpdatedV1>(em, caller, CustomerB2BEvents.appointmentUpdated, { customerId, item: appointment, changed });
      return appointment;
    });
  }

  async delete(caller: Caller, customerId: string, appointmentId: string): Promise<Deleted> {
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      const row = await this.repository.lock(em, tenantId, customerId, appointmentId);
      if (!row) throw appointmentNotFound();
      await this.repository.delete(em, tenantId, appointmentId);
      await this.store.emit<AppointmentDeletedV1>(em, caller, CustomerB2BEvents.appointmentDeleted, { customerId, item: toAppointmentView(row) });
      return { id: appointmentId, deleted: true as const };
    });
  }

  /** Every year and season, latest start first; filters type, season, year. */
  async list(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<AppointmentView>> {
    const filter = readFilters(query, { type: { kind: 'text', max: 64 }, season: { kind: 'text', max: SEASON.max }, year: { kind: 'int', ...YEAR } });
    const request = pageRequest(query, SORT, 'date');
    const em = this.store.reader;
    const rows = await this.repository.page(em, caller.tenantId, customerId, filter as Record<string, never>, request);
    // Items exist only for live customers: only an empty page needs to ask whether the customer does.
    if (rows.length === 0) await this.store.assertCustomer(em, caller.tenantId, customerId);
    return pageOf(rows, request, SORT, (r) => ({ value: r.starts_at.toISOString(), id: r.id }), toAppointmentView);
  }
}
