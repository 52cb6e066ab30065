import { randomUUID } from 'node:crypto';
import {
  CustomerB2BEvents,
  CustomersB2BPatterns as P,
  CustomersPatterns,
  type Actor,
  type AppointmentView,
  type ContactView,
  type LocationView,
  type NoteView,
  type Page,
  type TaskView,
} from '@app/contracts';
import { failureOf, query, RpcTestClient, TestSystem } from '@app/testing';
import { admin, aTenant, createCustomer } from './customers-test-kit';

/** Notes, tasks, appointments, locations and contacts (C9-C13) over NATS, on real Postgres. */
describe('B2B account sections', () => {
  let system: TestSystem;
  let client: RpcTestClient;
  const staff: Actor = { type: 'user', id: 'rep-1', role: 'staff' };
  const otherStaff: Actor = { type: 'user', id: 'rep-2', role: 'staff' };
  const send = <T = any>(pattern: string, data: object) => client.send<T>(pattern, data);
  const db = <T = any>(sql: string, params: unknown[] = []) => query<T>(system.db('customers'), sql, params);
  const events = (customerId: string, typePrefix: string) =>
    db<{ type: string; envelope: { actor: Actor; data: any } }>(
      `SELECT type, envelope FROM outbox_events WHERE type LIKE $1 AND envelope->'data'->>'customerId' = $2 ORDER BY seq`,
      [`${typePrefix}%`, customerId],
    );

  /** A tenant with one customer (and, for notes, a note type "call"). */
  async function aCustomerOfNewTenant() {
    const tenantId = aTenant();
    const customer = await createCustomer(client, tenantId, { kind: 'company', companyName: `Shop ${randomUUID().slice(0, 6)}` });
    return { tenantId, id: customer.id };
  }

  beforeAll(async () => {
    system = await TestSystem.start({ apps: ['customers'] });
    client = await RpcTestClient.connect(system.nats.url);
  });

  afterAll(async () => {
    await client?.close();
    await system?.stop();
  });

  describe('notes (C9)', () => {
    it('keeps a tenant list of note types', async () => {
      const { tenantId } = await aCustomerOfNewTenant();
      await send(P.createNoteType, { tenantId, actor: admin, input: { key: 'visit', label: 'Visit', position: 2 } });
      await send(P.createNoteType, { tenantId, actor: admin, input: { key: 'call', label: 'Phone call', position: 1 } });
      expect(await send(P.listNoteTypes, { tenantId, actor: staff })).toEqual([
        { key: 'call', label: 'Phone call', position: 1 },
        { key: 'visit', label: 'Visit', position: 2 },
      ]);
      expect(await failureOf(send(P.createNoteType, { tenantId, actor: admin, input: { key: 'call', label: 'Again' } }))).toMatchObject({
        status: 409,
        code: 'note_type_exists',
      });
      // Another tenant's list is its own.
      expect(await send(P.listNoteTypes, { tenantId: aTenant(), actor: staff })).toEqual([]);
    });

    it('adds a note with a type from the list, the author and the time, and publishes it', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      await send(P.createNoteType, { tenantId, actor: admin, input: { key: 'call', label: 'Phone call' } });
      const unknownType = await failureOf(send(P.createNote, { tenantId, actor: staff, id, input: { type: 'fax', text: 'x' } }));
      expect(unknownType).toMatchObject({ status: 400, code: 'validation_failed' });
      expect((unknownType.details as any).errors.type).toBeDefined();

      const note = await send<NoteView>(P.createNote, {
        tenantId,
        actor: staff,
        id,
        input: { type: 'call', season: 'FW', year: 2025, callStatus: 'call_back', text: 'Manager not in; call back Monday' },
      });
      expect(note).toMatchObject({
        customerId: id,
        type: 'call',
        season: 'FW',
        year: 2025,
        callStatus: 'call_back',
        text: 'Manager not in; call back Monday',
        author: { type: 'user', id: 'rep-1' },
        updatedBy: null,
      });
      expect(Date.now() - Date.parse(note.createdAt)).toBeLessThan(60_000);
      const [created] = await events(id, 'customers.note.');
      expect(created.type).toBe(CustomerB2BEvents.noteCreated);
      expect(created.envelope.actor).toMatchObject({ type: 'user', id: 'rep-1' });
      expect(created.envelope.data).toEqual({ customerId: id, item: note });
    });

    it('filters by season, year, type and call status, newest first, page by page', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      for (const key of ['call', 'visit']) await send(P.createNoteType, { tenantId, actor: admin, input: { key, label: key } });
      const made: NoteView[] = [];
      for (const [type, season, year] of [
        ['call', 'SS', 2024],
        ['visit', 'FW', 2024],
        ['call', 'FW', 2025],
        ['call', 'FW', 2025],
        ['visit', 'SS', 2025],
      ] as const) {
        made.push(await send<NoteView>(P.createNote, { tenantId, actor: staff, id, input: { type, season, year, text: `${type} ${season} ${year}` } }));
      }
      const list = (q: object) => send<Page<NoteView>>(P.listNotes, { tenantId, actor: staff, id, query: q });
      expect((await list({})).items.map((n) => n.id)).toEqual(made.map((n) => n.id).reverse());
      expect((await list({ season: 'FW', year: 2025 })).items.map((n) => n.id)).toEqual([made[3].id, made[2].id]);
      expect((await list({ type: 'visit' })).items.map((n) => n.id)).toEqual([made[4].id, made[1].id]);
      expect((await list({ year: '2024' })).items).toHaveLength(2);
      expect((await list({ callStatus: 'reached' })).items).toEqual([]);

      const first = await list({ limit: 2 });
      expect(first.items).toHaveLength(2);
      const second = await list({ limit: 2, cursor: first.nextCursor });
      const third = await list({ limit: 2, cursor: second.nextCursor });
      expect(third.nextCursor).toBeNull();
      expect([...first.items, ...second.items, ...third.items].map((n) => n.id)).toEqual(made.map((n) => n.id).reverse());

      expect(await failureOf(list({ year: 'last' }))).toMatchObject({ status: 400 });
      expect(await failureOf(list({ cursor: 'garbage' }))).toMatchObject({ status: 400 });
    });

    it('lets the author or an admin change or delete a note, not other staff, and records who edited', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      await send(P.createNoteType, { tenantId, actor: admin, input: { key: 'call', label: 'Call' } });
      const note = await send<NoteView>(P.createNote, { tenantId, actor: staff, id, input: { type: 'call', text: 'first' } });
      const refused = await failureOf(send(P.updateNote, { tenantId, actor: otherStaff, id, itemId: note.id, input: { text: 'hijack' } }));
      expect(refused).toMatchObject({ status: 403, code: 'not_note_author' });
      expect(await failureOf(send(P.deleteNote, { tenantId, actor: otherStaff, id, itemId: note.id }))).toMatchObject({ status: 403 });

      const edited = await send<NoteView>(P.updateNote, { tenantId, actor: staff, id, itemId: note.id, input: { text: 'second', season: 'SS' } });
      expect(edited).toMatchObject({ text: 'second', season: 'SS', updatedBy: { type: 'user', id: 'rep-1' } });
      const byAdmin = await send<NoteView>(P.updateNote, { tenantId, actor: admin, id, itemId: note.id, input: { season: null } });
      expect(byAdmin).toMatchObject({ season: null, author: { id: 'rep-1' }, updatedBy: { id: admin.id } });
      // The same values again change nothing and publish nothing.
      await send(P.updateNote, { tenantId, actor: admin, id, itemId: note.id, input: { text: 'second' } });

      expect(await send(P.deleteNote, { tenantId, actor: admin, id, itemId: note.id })).toEqual({ id: note.id, deleted: true });
      expect(await failureOf(send(P.deleteNote, { tenantId, actor: admin, id, itemId: note.id }))).toMatchObject({ status: 404, code: 'note_not_found' });

      const published = await events(id, 'customers.note.');
      expect(published.map((e) => e.type)).toEqual([
        CustomerB2BEvents.noteCreated,
        CustomerB2BEvents.noteUpdated,
        CustomerB2BEvents.noteUpdated,
        CustomerB2BEvents.noteDeleted,
      ]);
      expect(published[1].envelope.data.changed).toEqual(['season', 'text']);
      expect(published[2].envelope.actor.id).toBe(admin.id);
      expect(published[3].envelope.data.item.text).toBe('second');
    });

    it('refuses to delete a note type that notes have, and deletes an unused one', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      await send(P.createNoteType, { tenantId, actor: admin, input: { key: 'call', label: 'Call' } });
      await send(P.createNoteType, { tenantId, actor: admin, input: { key: 'old', label: 'Old' } });
      await send(P.createNote, { tenantId, actor: staff, id, input: { type: 'call', text: 'x' } });
      expect(await failureOf(send(P.deleteNoteType, { tenantId, actor: admin, key: 'call' }))).toMatchObject({ status: 409, code: 'note_type_in_use' });
      expect(await send(P.deleteNoteType, { tenantId, actor: admin, key: 'old' })).toEqual({ key: 'old', deleted: true });
      expect((await send<unknown[]>(P.listNoteTypes, { tenantId, actor: staff })).length).toBe(1);
    });

    it('creates a note once per Idempotency-Key', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      await send(P.createNoteType, { tenantId, actor: admin, input: { key: 'call', label: 'Call' } });
      const input = { type: 'call', text: 'once' };
      const [a, b] = await Promise.all([1, 2].map(() => send<NoteView>(P.createNote, { tenantId, actor: staff, id, input, idempotencyKey: 'k-1' })));
      expect(a).toEqual(b);
      expect(await db(`SELECT id FROM customer_notes WHERE tenant_id = $1`, [tenantId])).toHaveLength(1);
      expect(await failureOf(send(P.createNote, { tenantId, actor: staff, id, input: { ...input, text: 'other' }, idempotencyKey: 'k-1' }))).toMatchObject({
        status: 422,
        code: 'idempotency_key_reused',
      });
    });
  });

  describe('tasks (C10)', () => {
    it('creates tasks from the profile, completes and reopens them, and lists open or done by due date', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const task = (input: object) => send<TaskView>(P.createTask, { tenantId, actor: staff, id, input });
      const later = await task({ category: 'Follow-up', dueDate: '2025-07-01', description: 'Send the price list', assignee: 'rep-2' });
      const sooner = await task({ category: 'Call', dueDate: '2025-06-01', description: 'Call the buyer' });
      expect(sooner).toMatchObject({ customerId: id, status: 'open', assignee: null, completedAt: null, createdBy: { id: 'rep-1' } });

      const done = await send<TaskView>(P.updateTask, { tenantId, actor: otherStaff, id, itemId: sooner.id, input: { status: 'done' } });
      expect(done).toMatchObject({ status: 'done', completedBy: { type: 'user', id: 'rep-2' } });
      expect(done.completedAt).not.toBeNull();

      const list = (q: object) => send<Page<TaskView>>(P.listTasks, { tenantId, actor: staff, id, query: q });
      expect((await list({})).items.map((t) => t.id)).toEqual([sooner.id, later.id]);
      expect((await list({ status: 'open' })).items.map((t) => t.id)).toEqual([later.id]);
      expect((await list({ status: 'done' })).items.map((t) => t.id)).toEqual([sooner.id]);

      const reopened = await send<TaskView>(P.updateTask, { tenantId, actor: staff, id, itemId: sooner.id, input: { status: 'open', dueDate: '2025-06-15' } });
      expect(reopened).toMatchObject({ status: 'open', completedAt: null, completedBy: null, dueDate: '2025-06-15' });

      const types = (await events(id, 'customers.task.')).map((e) => e.type);
      expect(types).toEqual([CustomerB2BEvents.taskCreated, CustomerB2BEvents.taskCreated, CustomerB2BEvents.taskCompleted, CustomerB2BEvents.taskReopened]);

      // Tenant-wide: "my open tasks".
      const mine = await send<Page<TaskView>>(P.listTenantTasks, { tenantId, actor: otherStaff, query: { assignee: 'rep-2', status: 'open' } });
      expect(mine.items.map((t) => t.id)).toEqual([later.id]);

      expect(await send(P.deleteTask, { tenantId, actor: staff, id, itemId: later.id })).toEqual({ id: later.id, deleted: true });
      expect((await list({})).items.map((t) => t.id)).toEqual([sooner.id]);
    });

    it('pages tasks with the same due date without repeating or skipping one', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await send<TaskView>(P.createTask, { tenantId, actor: staff, id, input: { category: 'c', dueDate: '2025-01-01', description: `t${i}` } })).id);
      const seen: string[] = [];
      let cursor: string | null | undefined;
      do {
        const page: Page<TaskView> = await send(P.listTasks, { tenantId, actor: staff, id, query: { limit: 2, cursor } });
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].sort());
    });

    it('refuses bad input per field', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const error = await failureOf(send(P.createTask, { tenantId, actor: staff, id, input: { category: '', dueDate: '2025-13-01', colour: 'red' } }));
      expect(error.status).toBe(400);
      expect(Object.keys((error.details as any).errors).sort()).toEqual(['category', 'colour', 'description', 'dueDate']);
    });
  });

  describe('appointments (C11)', () => {
    it('lists every year and season, latest first, filtered by season, year and type', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      await client.send(CustomersPatterns.updateSettings, { tenantId, actor: admin, input: { timeZone: 'Asia/Tokyo' } });
      const make = (input: object) => send<AppointmentView>(P.createAppointment, { tenantId, actor: staff, id, input });
      const a = await make({ type: 'Showroom', season: 'SS', year: 2024, startsAt: '2024-02-01T09:00:00Z' });
      const b = await make({ type: 'Visit', season: 'FW', startsAt: '2025-12-31T16:00:00Z', endsAt: '2025-12-31T17:00:00Z', notes: 'Bring samples' });
      const c = await make({ type: 'Showroom', season: 'FW', year: 2025, startsAt: '2025-08-01T09:00:00Z' });
      // 16:00 UTC on 31 December is 1 January in Tokyo, the tenant's zone.
      expect(b).toMatchObject({ year: 2026, notes: 'Bring samples', endsAt: '2025-12-31T17:00:00.000Z' });

      const list = (q: object) => send<Page<AppointmentView>>(P.listAppointments, { tenantId, actor: staff, id, query: q });
      expect((await list({})).items.map((x) => x.id)).toEqual([b.id, c.id, a.id]);
      expect((await list({ season: 'FW', year: 2025 })).items.map((x) => x.id)).toEqual([c.id]);
      expect((await list({ type: 'Showroom' })).items.map((x) => x.id)).toEqual([c.id, a.id]);
      const page1 = await list({ limit: 1 });
      const page2 = await list({ limit: 1, cursor: page1.nextCursor });
      expect([page1.items[0].id, page2.items[0].id]).toEqual([b.id, c.id]);

      const moved = await send<AppointmentView>(P.updateAppointment, { tenantId, actor: staff, id, itemId: c.id, input: { startsAt: '2025-08-02T09:00:00+02:00' } });
      expect(moved).toMatchObject({ startsAt: '2025-08-02T07:00:00.000Z', year: 2025 });
      const bad = await failureOf(send(P.updateAppointment, { tenantId, actor: staff, id, itemId: c.id, input: { endsAt: '2025-08-01T00:00:00Z' } }));
      expect(bad).toMatchObject({ status: 400 });
      expect((bad.details as any).errors.endsAt).toBeDefined();

      expect((await events(id, 'customers.appointment.')).map((e) => e.type)).toEqual([
        CustomerB2BEvents.appointmentCreated,
        CustomerB2BEvents.appointmentCreated,
        CustomerB2BEvents.appointmentCreated,
        CustomerB2BEvents.appointmentUpdated,
      ]);
    });
  });

  describe('locations (C12): exactly one primary', () => {
    const address = (name: string | null = null) => ({ name, line1: 'Main Street 1', city: 'Berlin', country: 'de' });
    const primaries = (tenantId: string, id: string, table = 'customer_locations') =>
      db<{ id: string }>(`SELECT id FROM ${table} WHERE tenant_id = $1 AND customer_id = $2 AND is_primary`, [tenantId, id]);

    it('makes the first primary, switches on request and promotes the oldest when the primary goes', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const create = (input: object) => send<LocationView>(P.createLocation, { tenantId, actor: staff, id, input });
      const hq = await create({ ...address('HQ'), postalCode: '10115' });
      expect(hq).toMatchObject({ primary: true, country: 'DE', name: 'HQ', postalCode: '10115', line2: null });
      const billing = await create(address('billing'));
      expect(billing.primary).toBe(false);
      const shipping = await create({ ...address('shipping'), primary: true });
      expect(shipping.primary).toBe(true);
      expect(await primaries(tenantId, id)).toEqual([{ id: shipping.id }]);

      const switched = await send<LocationView>(P.makeLocationPrimary, { tenantId, actor: staff, id, itemId: billing.id });
      expect(switched.primary).toBe(true);
      expect(await primaries(tenantId, id)).toEqual([{ id: billing.id }]);
      // Making the primary primary changes nothing.
      await send(P.makeLocationPrimary, { tenantId, actor: staff, id, itemId: billing.id });

      await send(P.deleteLocation, { tenantId, actor: staff, id, itemId: billing.id });
      expect(await primaries(tenantId, id)).toEqual([{ id: hq.id }]);
      await send(P.deleteLocation, { tenantId, actor: staff, id, itemId: shipping.id });
      expect(await primaries(tenantId, id)).toEqual([{ id: hq.id }]);

      const list = await send<Page<LocationView>>(P.listLocations, { tenantId, actor: staff, id, query: {} });
      expect(list.items.map((l) => [l.id, l.primary])).toEqual([[hq.id, true]]);

      const changes = (await events(id, CustomerB2BEvents.locationPrimaryChanged)).map((e) => e.envelope.data);
      expect(changes).toEqual([
        { customerId: id, primaryId: hq.id, previousPrimaryId: null },
        { customerId: id, primaryId: shipping.id, previousPrimaryId: hq.id },
        { customerId: id, primaryId: billing.id, previousPrimaryId: shipping.id },
        { customerId: id, primaryId: hq.id, previousPrimaryId: billing.id },
      ]);
      await send(P.deleteLocation, { tenantId, actor: staff, id, itemId: hq.id });
      expect(await primaries(tenantId, id)).toEqual([]);
      expect((await events(id, CustomerB2BEvents.locationPrimaryChanged)).pop()!.envelope.data).toEqual({ customerId: id, primaryId: null, previousPrimaryId: hq.id });
    });

    it('lists the primary first, then the oldest, page by page', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const made: LocationView[] = [];
      for (let i = 0; i < 4; i++) made.push(await send(P.createLocation, { tenantId, actor: staff, id, input: { ...address(`L${i}`), primary: i === 2 } }));
      const seen: string[] = [];
      let cursor: string | null | undefined;
      do {
        const page: Page<LocationView> = await send(P.listLocations, { tenantId, actor: staff, id, query: { limit: 3, cursor } });
        seen.push(...page.items.map((l) => l.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([made[2].id, made[0].id, made[1].id, made[3].id]);
    });

    it('keeps exactly one primary under many concurrent creates, switches and deletes', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      // 20 concurrent first creates: exactly one becomes primary.
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) => send<LocationView>(P.createLocation, { tenantId, actor: staff, id, input: { ...address(`L${i}`), primary: i % 3 === 0 } })),
      );
      expect(await primaries(tenantId, id)).toHaveLength(1);

      // Concurrent switches to different locations, mixed with creates asking to be primary.
      await Promise.all([
        ...created.slice(0, 10).map((l) => send(P.makeLocationPrimary, { tenantId, actor: staff, id, itemId: l.id })),
        ...Array.from({ length: 5 }, () => send(P.createLocation, { tenantId, actor: staff, id, input: { ...address(), primary: true } })),
      ]);
      expect(await primaries(tenantId, id)).toHaveLength(1);

      // Concurrent deletes of every location but one, the primary among them.
      const all = await db<{ id: string; is_primary: boolean }>(`SELECT id, is_primary FROM customer_locations WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq`, [tenantId, id]);
      const keep = all.find((l) => !l.is_primary)!;
      const outcomes = await Promise.allSettled(
        all.filter((l) => l.id !== keep.id).flatMap((l) => [
          send(P.deleteLocation, { tenantId, actor: staff, id, itemId: l.id }),
          send(P.makeLocationPrimary, { tenantId, actor: staff, id, itemId: l.id }),
        ]),
      );
      // A switch to a location deleted just before is a 404; nothing else fails.
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason.body).toMatchObject({ status: 404, code: 'location_not_found' });
      expect(await primaries(tenantId, id)).toEqual([{ id: keep.id }]);
    });

    it('has the database refuse a second primary and a customer whose locations have none', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const a = await send<LocationView>(P.createLocation, { tenantId, actor: staff, id, input: address() });
      const b = await send<LocationView>(P.createLocation, { tenantId, actor: staff, id, input: address() });
      await expect(db(`UPDATE customer_locations SET is_primary = true WHERE tenant_id = $1 AND id = $2`, [tenantId, b.id])).rejects.toThrow(/customer_locations_one_primary/);
      await expect(db(`UPDATE customer_locations SET is_primary = false WHERE tenant_id = $1 AND id = $2`, [tenantId, a.id])).rejects.toThrow(/exactly one is required/);
      expect(await primaries(tenantId, id)).toEqual([{ id: a.id }]);
    });

    it('changes the address fields and refuses bad ones', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const l = await send<LocationView>(P.createLocation, { tenantId, actor: staff, id, input: { ...address('HQ'), region: 'BE' } });
      const changed = await send<LocationView>(P.updateLocation, { tenantId, actor: staff, id, itemId: l.id, input: { line2: 'Floor 3', region: null } });
      expect(changed).toMatchObject({ line2: 'Floor 3', region: null, primary: true });
      const bad = await failureOf(send(P.updateLocation, { tenantId, actor: staff, id, itemId: l.id, input: { country: 'Germany', primary: true } }));
      expect(Object.keys((bad.details as any).errors).sort()).toEqual(['country', 'primary']);
    });
  });

  describe('contacts (C13)', () => {
    it('keeps email status and consent, shows who may be emailed, and has exactly one primary', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const create = (input: object) => send<ContactView>(P.createContact, { tenantId, actor: staff, id, input });
      const buyer = await create({ name: 'Bea Buyer', title: 'Buyer', email: 'Bea@Shop.example', phone: '+49 151 23456789', emailConsent: 'given' });
      expect(buyer).toMatchObject({ primary: true, email: 'bea@shop.example', phoneType: 'mobile', emailStatus: 'unverified', emailConsent: 'given', canEmail: true });
      expect(buyer.emailConsentAt).not.toBeNull();
      const owner = await create({ name: 'Olaf Owner', email: 'olaf@shop.example' });
      expect(owner).toMatchObject({ primary: false, emailConsent: 'not_captured', canEmail: false });

      const bounced = await send<ContactView>(P.updateContact, { tenantId, actor: staff, id, itemId: buyer.id, input: { emailStatus: 'bounced' } });
      expect(bounced.canEmail).toBe(false);
      const consented = await send<ContactView>(P.updateContact, { tenantId, actor: staff, id, itemId: owner.id, input: { emailConsent: 'given' } });
      expect(consented.canEmail).toBe(true);

      const emailable = await send<Page<ContactView>>(P.listContacts, { tenantId, actor: staff, id, query: { canEmail: 'true' } });
      expect(emailable.items.map((c) => c.id)).toEqual([owner.id]);
      const not = await send<Page<ContactView>>(P.listContacts, { tenantId, actor: staff, id, query: { canEmail: false } });
      expect(not.items.map((c) => c.id)).toEqual([buyer.id]);

      await send(P.makeContactPrimary, { tenantId, actor: staff, id, itemId: owner.id });
      await send(P.deleteContact, { tenantId, actor: staff, id, itemId: owner.id });
      const left = await send<Page<ContactView>>(P.listContacts, { tenantId, actor: staff, id, query: {} });
      expect(left.items.map((c) => [c.id, c.primary])).toEqual([[buyer.id, true]]);
      expect((await events(id, 'customers.contact.')).map((e) => e.type)).toEqual([
        CustomerB2BEvents.contactCreated,
        CustomerB2BEvents.contactPrimaryChanged,
        CustomerB2BEvents.contactCreated,
        CustomerB2BEvents.contactUpdated,
        CustomerB2BEvents.contactUpdated,
        CustomerB2BEvents.contactPrimaryChanged,
        CustomerB2BEvents.contactDeleted,
        CustomerB2BEvents.contactPrimaryChanged,
      ]);
    });

    it('keeps exactly one primary contact under concurrent creates and switches', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const created = await Promise.all(Array.from({ length: 12 }, (_, i) => send<ContactView>(P.createContact, { tenantId, actor: staff, id, input: { name: `C${i}`, primary: true } })));
      await Promise.all(created.map((c) => send(P.makeContactPrimary, { tenantId, actor: staff, id, itemId: c.id })));
      expect(await db(`SELECT id FROM customer_contacts WHERE tenant_id = $1 AND customer_id = $2 AND is_primary`, [tenantId, id])).toHaveLength(1);
    });
  });

  describe('tenants, missing items and erasure', () => {
    it("answers 404 for another tenant's customer and items, and for another customer's item", async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const other = await createCustomer(client, tenantId);
      await send(P.createNoteType, { tenantId, actor: admin, input: { key: 'call', label: 'Call' } });
      const note = await send<NoteView>(P.createNote, { tenantId, actor: staff, id, input: { type: 'call', text: 'x' } });
      const location = await send<LocationView>(P.createLocation, { tenantId, actor: staff, id, input: { line1: 'a', city: 'b', country: 'DE' } });
      const task = await send<TaskView>(P.createTask, { tenantId, actor: staff, id, input: { category: 'c', dueDate: '2025-01-01', description: 'd' } });
      const stranger = aTenant();
      const calls: Array<[() => Promise<unknown>, string]> = [
        [() => send(P.listNotes, { tenantId: stranger, actor: admin, id, query: {} }), 'customer_not_found'],
        [() => send(P.createNote, { tenantId: stranger, actor: admin, id, input: { type: 'call', text: 'x' } }), 'customer_not_found'],
        [() => send(P.createLocation, { tenantId: stranger, actor: admin, id, input: { line1: 'a', city: 'b', country: 'DE' } }), 'customer_not_found'],
        [() => send(P.listContacts, { tenantId: stranger, actor: admin, id, query: {} }), 'customer_not_found'],
        [() => send(P.updateTask, { tenantId: stranger, actor: admin, id, itemId: task.id, input: { status: 'done' } }), 'customer_not_found'],
        [() => send(P.deleteLocation, { tenantId, actor: admin, id: other.id, itemId: location.id }), 'location_not_found'],
        [() => send(P.updateNote, { tenantId, actor: admin, id: other.id, itemId: note.id, input: { text: 'y' } }), 'note_not_found'],
        [() => send(P.makeLocationPrimary, { tenantId, actor: admin, id, itemId: randomUUID() }), 'location_not_found'],
        [() => send(P.deleteTask, { tenantId, actor: admin, id, itemId: 'not-a-uuid' }), 'task_not_found'],
      ];
      for (const [call, code] of calls) expect(await failureOf(call())).toMatchObject({ status: 404, code });
      expect(await db(`SELECT text FROM customer_notes WHERE tenant_id = $1`, [tenantId])).toEqual([{ text: 'x' }]);
    });

    it('erases every section with the customer, who then takes no new items', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const keep = await createCustomer(client, tenantId);
      await send(P.createNoteType, { tenantId, actor: admin, input: { key: 'call', label: 'Call' } });
      for (const customerId of [id, keep.id]) {
        await send(P.createNote, { tenantId, actor: staff, id: customerId, input: { type: 'call', text: 'private' } });
        await send(P.createTask, { tenantId, actor: staff, id: customerId, input: { category: 'c', dueDate: '2025-01-01', description: 'd' } });
        await send(P.createAppointment, { tenantId, actor: staff, id: customerId, input: { type: 't', startsAt: '2025-01-01T10:00:00Z' } });
        await send(P.createLocation, { tenantId, actor: staff, id: customerId, input: { line1: 'a', city: 'b', country: 'DE' } });
        await send(P.createContact, { tenantId, actor: staff, id: customerId, input: { name: 'Person', email: 'p@example.com' } });
      }
      await send(CustomersPatterns.delete, { tenantId, actor: admin, id });
      const tables = ['customer_notes', 'customer_tasks', 'customer_appointments', 'customer_locations', 'customer_contacts'];
      for (const table of tables) {
        const rows = await db<{ customer_id: string }>(`SELECT customer_id FROM ${table} WHERE tenant_id = $1`, [tenantId]);
        expect(rows.map((r) => r.customer_id)).toEqual([keep.id]);
      }
      expect(await failureOf(send(P.createNote, { tenantId, actor: staff, id, input: { type: 'call', text: 'x' } }))).toMatchObject({ status: 404, code: 'customer_not_found' });
      expect(await failureOf(send(P.listTasks, { tenantId, actor: staff, id, query: {} }))).toMatchObject({ status: 404 });
    });
  });
});
