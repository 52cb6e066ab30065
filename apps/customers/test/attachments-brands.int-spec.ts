import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  CustomerB2BEvents,
  CustomersB2BPatterns as P,
  CustomersPatterns,
  type Actor,
  type AttachmentView,
  type BrandView,
  type CustomerBrandView,
  type Page,
  type SalesRepView,
  type UploadSession,
} from '@app/contracts';
import { failureOf, query, RpcTestClient, TestSystem } from '@app/testing';
import { admin, aTenant, createCustomer } from './customers-test-kit';

const MAX_BYTES = 600_000;
const CHUNK = 256 * 1024;

/** Attachments (C14) and brands with commission (C15) over NATS, on real Postgres. */
describe('attachments and brands', () => {
  let system: TestSystem;
  let client: RpcTestClient;
  const staff: Actor = { type: 'user', id: 'rep-1', role: 'staff' };
  const send = <T = any>(pattern: string, data: object) => client.send<T>(pattern, data);
  const db = <T = any>(sql: string, params: unknown[] = []) => query<T>(system.db('customers'), sql, params);

  const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

  async function upload(tenantId: string, id: string, data: Buffer, fileName = 'offer.pdf', contentType = 'application/pdf'): Promise<AttachmentView> {
    const session = await send<UploadSession>(P.beginUpload, { tenantId, actor: staff, id, input: { fileName, contentType } });
    let index = 0;
    for (let at = 0; at < data.length; at += session.chunkBytes, index++) {
      await send(P.appendUploadChunk, { tenantId, actor: staff, id, uploadId: session.uploadId, index, data: data.subarray(at, at + session.chunkBytes).toString('base64') });
    }
    return send<AttachmentView>(P.completeUpload, { tenantId, actor: staff, id, uploadId: session.uploadId, chunks: index, bytes: data.length, sha256: sha256(data) });
  }

  async function download(tenantId: string, id: string, itemId: string): Promise<Buffer> {
    const meta = await send<AttachmentView>(P.getAttachment, { tenantId, actor: staff, id, itemId });
    const parts: Buffer[] = [];
    for (let index = 0; index < meta.chunks; index++) {
      parts.push(Buffer.from((await send<{ data: string }>(P.readAttachmentChunk, { tenantId, actor: staff, id, itemId, index })).data, 'base64'));
    }
    return Buffer.concat(parts);
  }

  async function aCustomerOfNewTenant() {
    const tenantId = aTenant();
    const customer = await createCustomer(client, tenantId, { kind: 'company', companyName: 'Boutique' });
    return { tenantId, id: customer.id };
  }

  beforeAll(async () => {
    system = await TestSystem.start({ apps: ['customers'], appEnv: { customers: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } } });
    client = await RpcTestClient.connect(system.nats.url);
  });

  afterAll(async () => {
    await client?.close();
    await system?.stop();
  });

  describe('attachments (C14)', () => {
    it('stores a file of several chunks, lists, downloads it byte for byte, renames and deletes it', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const data = pdf(MAX_BYTES); // exactly the limit: 3 chunks
      const attachment = await upload(tenantId, id, data, 'C:\\fakepath\\Price list 2025.pdf');
      expect(attachment).toMatchObject({ customerId: id, fileName: 'Price list 2025.pdf', contentType: 'application/pdf', size: MAX_BYTES, sha256: sha256(data), chunks: 3, uploadedBy: { id: 'rep-1' } });

      const other = await upload(tenantId, id, Buffer.from('a,b\n1,2\n'), 'numbers.csv', 'text/csv; charset=utf-8');
      const list = await send<Page<AttachmentView>>(P.listAttachments, { tenantId, actor: admin, id, query: {} });
      expect(list.items.map((a) => a.id)).toEqual([other.id, attachment.id]);
      expect((await download(tenantId, id, attachment.id)).equals(data)).toBe(true);
      expect((await download(tenantId, id, other.id)).toString()).toBe('a,b\n1,2\n');

      const renamed = await send<AttachmentView>(P.updateAttachment, { tenantId, actor: staff, id, itemId: attachment.id, input: { fileName: 'Prices.pdf' } });
      expect(renamed.fileName).toBe('Prices.pdf');
      expect(await send(P.deleteAttachment, { tenantId, actor: staff, id, itemId: attachment.id })).toEqual({ id: attachment.id, deleted: true });
      expect(await failureOf(send(P.readAttachmentChunk, { tenantId, actor: staff, id, itemId: attachment.id, index: 0 }))).toMatchObject({ status: 404, code: 'attachment_not_found' });
      expect(await db(`SELECT count(*)::int AS n FROM customer_attachment_chunks WHERE tenant_id = $1 AND attachment_id = $2`, [tenantId, attachment.id])).toEqual([{ n: 0 }]);

      const published = await db<{ type: string; envelope: any }>(
        `SELECT type, envelope FROM outbox_events WHERE type LIKE 'customers.attachment.%' AND envelope->'data'->>'customerId' = $1 ORDER BY seq`,
        [id],
      );
      expect(published.map((e) => e.type)).toEqual([
        CustomerB2BEvents.attachmentCreated,
        CustomerB2BEvents.attachmentCreated,
        CustomerB2BEvents.attachmentUpdated,
        CustomerB2BEvents.attachmentDeleted,
      ]);
      expect(JSON.stringify(published[0].envelope)).not.toContain(data.subarray(100, 130).toString('base64'));
    });

    it('refuses a file one byte over the limit with 413 and drops what arrived', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const data = pdf(MAX_BYTES + 1);
      const session = await send<UploadSession>(P.beginUpload, { tenantId, actor: staff, id, input: { fileName: 'big.pdf', contentType: 'application/pdf' } });
      expect(session).toMatchObject({ chunkBytes: CHUNK, maxBytes: MAX_BYTES });
      const chunk = (index: number) => send(P.appendUploadChunk, { tenantId, actor: staff, id, uploadId: session.uploadId, index, data: data.subarray(index * CHUNK, (index + 1) * CHUNK).toString('base64') });
      await chunk(0);
      await chunk(1);
      expect(await failureOf(chunk(2))).toMatchObject({ status: 413, code: 'payload_too_large' });
      expect(await db(`SELECT count(*)::int AS n FROM customer_attachments WHERE tenant_id = $1`, [tenantId])).toEqual([{ n: 0 }]);
      expect(await db(`SELECT count(*)::int AS n FROM customer_attachment_chunks WHERE tenant_id = $1`, [tenantId])).toEqual([{ n: 0 }]);
      expect(await failureOf(chunk(2))).toMatchObject({ status: 404, code: 'upload_not_found' });
      // A declared size over the limit is refused before anything is sent.
      expect(await failureOf(send(P.beginUpload, { tenantId, actor: staff, id, input: { fileName: 'big.pdf', contentType: 'application/pdf', declaredBytes: MAX_BYTES + 1 } }))).toMatchObject({ status: 413 });
    });

    it('refuses a type not on the list, and content that does not match its type, with 415', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      for (const contentType of ['text/html', 'image/svg+xml', 'application/x-msdownload']) {
        expect(await failureOf(send(P.beginUpload, { tenantId, actor: staff, id, input: { fileName: 'x', contentType } }))).toMatchObject({ status: 415, code: 'unsupported_media_type' });
      }
      const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(1000)]);
      const error = await failureOf(upload(tenantId, id, exe, 'invoice.pdf'));
      expect(error).toMatchObject({ status: 415, code: 'unsupported_media_type' });
      expect(error.message).toMatch(/does not look like application\/pdf/);
      expect(await db(`SELECT count(*)::int AS n FROM customer_attachments WHERE tenant_id = $1`, [tenantId])).toEqual([{ n: 0 }]);
    });

    it('refuses chunks out of order, and a completion whose counts or checksum differ', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const data = pdf(300_000);
      const session = await send<UploadSession>(P.beginUpload, { tenantId, actor: staff, id, input: { fileName: 'a.pdf', contentType: 'application/pdf' } });
      const chunk = (index: number) => send(P.appendUploadChunk, { tenantId, actor: staff, id, uploadId: session.uploadId, index, data: data.subarray(index * CHUNK, (index + 1) * CHUNK).toString('base64') });
      expect(await failureOf(chunk(1))).toMatchObject({ status: 409, code: 'upload_mismatch' });
      await chunk(0);
      expect(await failureOf(chunk(0))).toMatchObject({ status: 409, code: 'upload_mismatch' });
      const complete = (extra: object) => send(P.completeUpload, { tenantId, actor: staff, id, uploadId: session.uploadId, chunks: 2, bytes: data.length, sha256: sha256(data), ...extra });
      expect(await failureOf(complete({}))).toMatchObject({ status: 409, code: 'upload_mismatch' });
      await chunk(1);
      expect(await failureOf(complete({ sha256: sha256(Buffer.from('other')) }))).toMatchObject({ status: 409, code: 'upload_mismatch' });
      expect(await failureOf(complete({ bytes: data.length - 1 }))).toMatchObject({ status: 409 });
      expect((await send<Page<AttachmentView>>(P.listAttachments, { tenantId, actor: staff, id, query: {} })).items).toEqual([]);
      const done = await complete({});
      expect((done as AttachmentView).size).toBe(300_000);
      expect(await failureOf(send(P.appendUploadChunk, { tenantId, actor: staff, id, uploadId: session.uploadId, index: 2, data: 'AAAA' }))).toMatchObject({ status: 404, code: 'upload_not_found' });
    });

    it('keeps attachments per tenant and customer, and erases them with the customer', async () => {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const attachment = await upload(tenantId, id, pdf(1000));
      const other = await createCustomer(client, tenantId);
      expect(await failureOf(send(P.getAttachment, { tenantId: aTenant(), actor: admin, id, itemId: attachment.id }))).toMatchObject({ status: 404 });
      expect(await failureOf(send(P.readAttachmentChunk, { tenantId, actor: admin, id: other.id, itemId: attachment.id, index: 0 }))).toMatchObject({ status: 404 });
      expect(await failureOf(send(P.deleteAttachment, { tenantId: aTenant(), actor: admin, id, itemId: attachment.id }))).toMatchObject({ status: 404 });
      expect(await failureOf(send(P.beginUpload, { tenantId: aTenant(), actor: admin, id, input: { fileName: 'a.pdf', contentType: 'application/pdf' } }))).toMatchObject({ status: 404, code: 'customer_not_found' });

      // An upload in progress goes too.
      await send(P.beginUpload, { tenantId, actor: staff, id, input: { fileName: 'half.pdf', contentType: 'application/pdf' } });
      await send(CustomersPatterns.delete, { tenantId, actor: admin, id });
      expect(await db(`SELECT count(*)::int AS n FROM customer_attachments WHERE tenant_id = $1`, [tenantId])).toEqual([{ n: 0 }]);
      expect(await db(`SELECT count(*)::int AS n FROM customer_attachment_chunks WHERE tenant_id = $1`, [tenantId])).toEqual([{ n: 0 }]);
    });
  });

  describe('brands and commission (C15)', () => {
    async function setup() {
      const { tenantId, id } = await aCustomerOfNewTenant();
      const brand = (name: string, defaultRateBps: number) => send<BrandView>(P.createBrand, { tenantId, actor: admin, input: { name, defaultRateBps } });
      const alpha = await brand('Alpha', 1000);
      const beta = await brand('Beta', 800);
      const gamma = await brand('Gamma', 500);
      return { tenantId, id, alpha, beta, gamma };
    }

    it('shows each brand of the customer with the effective rate: customer > sales rep (brand, then overall) > brand', async () => {
      const { tenantId, id, alpha, beta, gamma } = await setup();
      const set = (brandId: string, input: object) => send<CustomerBrandView>(P.setCustomerBrand, { tenantId, actor: staff, id, brandId, input });
      const list = (q: object = {}) => send<Page<CustomerBrandView>>(P.listCustomerBrands, { tenantId, actor: staff, id, query: q });

      await set(alpha.id, { status: 'active', brandCustomerId: 'ALPHA-0042' });
      await set(beta.id, { status: 'potential' });
      await set(gamma.id, { status: 'active', rateBps: 725 });
      const rate = async () => Object.fromEntries((await list()).items.map((b) => [b.brandName, [b.effectiveRate.rateBps, b.effectiveRate.source]]));
      expect(await rate()).toEqual({ Alpha: [1000, 'brand'], Beta: [800, 'brand'], Gamma: [725, 'customer'] });

      const rep = await send<SalesRepView>(P.createSalesRep, {
        tenantId,
        actor: admin,
        input: { name: 'Rita Rep', email: 'Rita@Agency.example', userId: 'rep-1', defaultRateBps: 1200, brandRates: [{ brandId: beta.id, rateBps: 1350 }] },
      });
      expect(rep).toMatchObject({ email: 'rita@agency.example', defaultRateBps: 1200, brandRates: [{ brandId: beta.id, rateBps: 1350 }] });
      const assigned = await send(P.setAccountSalesRep, { tenantId, actor: staff, id, salesRepId: rep.id });
      expect(assigned).toMatchObject({ customerId: id, salesRep: { id: rep.id, name: 'Rita Rep' } });
      expect(await rate()).toEqual({ Alpha: [1200, 'sales_rep'], Beta: [1350, 'sales_rep_brand'], Gamma: [725, 'customer'] });

      const alphaView = (await list()).items.find((b) => b.brandId === alpha.id)!;
      expect(alphaView).toMatchObject({ status: 'active', brandCustomerId: 'ALPHA-0042', rateBps: null, brandDefaultRateBps: 1000, salesRep: { id: rep.id }, effectiveRate: { percent: '12.00' } });
      expect((await list({ status: 'potential' })).items.map((b) => b.brandName)).toEqual(['Beta']);

      // A rate of 0 is a rate, and the customer's overrides everything.
      await set(beta.id, { status: 'active', rateBps: 0 });
      expect((await rate()).Beta).toEqual([0, 'customer']);

      // Without the rep's overall default, brands without a rep rate fall back to the brand.
      await send(P.updateSalesRep, { tenantId, actor: admin, salesRepId: rep.id, input: { defaultRateBps: null } });
      expect((await rate()).Alpha).toEqual([1000, 'brand']);
      await send(P.updateBrand, { tenantId, actor: admin, brandId: alpha.id, input: { defaultRateBps: 1100 } });
      expect((await rate()).Alpha).toEqual([1100, 'brand']);

      // Deleting the rep leaves the customer without one.
      await send(P.deleteSalesRep, { tenantId, actor: admin, salesRepId: rep.id });
      expect(await send(P.getAccountSalesRep, { tenantId, actor: staff, id })).toEqual({ customerId: id, salesRep: null, assignedAt: null });

      const published = await db<{ type: string }>(`SELECT type FROM outbox_events WHERE envelope->'data'->>'customerId' = $1 AND (type LIKE 'customers.customerBrand.%' OR type = $2) ORDER BY seq`, [id, CustomerB2BEvents.accountSalesRepChanged]);
      expect(published.map((e) => e.type)).toEqual([
        CustomerB2BEvents.customerBrandCreated,
        CustomerB2BEvents.customerBrandCreated,
        CustomerB2BEvents.customerBrandCreated,
        CustomerB2BEvents.accountSalesRepChanged,
        CustomerB2BEvents.customerBrandUpdated,
      ]);
    });

    it('keeps brand names unique per tenant regardless of case and refuses to delete a brand in use', async () => {
      const { tenantId, id, alpha, gamma } = await setup();
      expect(await failureOf(send(P.createBrand, { tenantId, actor: admin, input: { name: 'ALPHA', defaultRateBps: 1 } }))).toMatchObject({ status: 409, code: 'brand_exists' });
      expect(await failureOf(send(P.updateBrand, { tenantId, actor: admin, brandId: gamma.id, input: { name: 'alpha' } }))).toMatchObject({ status: 409, code: 'brand_exists' });
      // Another tenant may have its own Alpha.
      expect((await send<BrandView>(P.createBrand, { tenantId: aTenant(), actor: admin, input: { name: 'Alpha', defaultRateBps: 1 } })).name).toBe('Alpha');

      await send(P.setCustomerBrand, { tenantId, actor: staff, id, brandId: alpha.id, input: { status: 'active' } });
      expect(await failureOf(send(P.deleteBrand, { tenantId, actor: admin, brandId: alpha.id }))).toMatchObject({ status: 409, code: 'brand_in_use' });
      await send(P.removeCustomerBrand, { tenantId, actor: staff, id, brandId: alpha.id });
      expect(await send(P.deleteBrand, { tenantId, actor: admin, brandId: alpha.id })).toEqual({ id: alpha.id, deleted: true });

      const brands = await send<Page<BrandView>>(P.listBrands, { tenantId, actor: staff, query: { limit: 1 } });
      expect(brands.items.map((b) => b.name)).toEqual(['Beta']);
      expect((await send<Page<BrandView>>(P.listBrands, { tenantId, actor: staff, query: { limit: 1, cursor: brands.nextCursor } })).items.map((b) => b.name)).toEqual(['Gamma']);
    });

    it('refuses bad rates, unknown brands and another tenant’s ids', async () => {
      const { tenantId, id, alpha } = await setup();
      const bad = await failureOf(send(P.createBrand, { tenantId, actor: admin, input: { name: 'Delta', defaultRateBps: 12.5 } }));
      expect(bad).toMatchObject({ status: 400 });
      expect(await failureOf(send(P.setCustomerBrand, { tenantId, actor: staff, id, brandId: alpha.id, input: { status: 'active', rateBps: 10001 } }))).toMatchObject({ status: 400 });
      expect(await failureOf(send(P.createSalesRep, { tenantId, actor: admin, input: { name: 'R', brandRates: [{ brandId: randomUUID(), rateBps: 1 }] } }))).toMatchObject({ status: 400 });
      expect(await failureOf(send(P.setAccountSalesRep, { tenantId, actor: staff, id, salesRepId: randomUUID() }))).toMatchObject({ status: 404, code: 'sales_rep_not_found' });
      const stranger = aTenant();
      expect(await failureOf(send(P.setCustomerBrand, { tenantId: stranger, actor: staff, id, brandId: alpha.id, input: { status: 'active' } }))).toMatchObject({ status: 404, code: 'customer_not_found' });
      const strangerCustomer = await createCustomer(client, stranger);
      expect(await failureOf(send(P.setCustomerBrand, { tenantId: stranger, actor: staff, id: strangerCustomer.id, brandId: alpha.id, input: { status: 'active' } }))).toMatchObject({
        status: 404,
        code: 'brand_not_found',
      });
      expect(await failureOf(send(P.updateBrand, { tenantId: stranger, actor: admin, brandId: alpha.id, input: { defaultRateBps: 1 } }))).toMatchObject({ status: 404 });
      expect(await failureOf(send(P.removeCustomerBrand, { tenantId, actor: staff, id, brandId: alpha.id }))).toMatchObject({ status: 404, code: 'customer_brand_not_found' });
    });

    it('erases the customer’s brands and sales rep with the customer', async () => {
      const { tenantId, id, alpha } = await setup();
      const rep = await send<SalesRepView>(P.createSalesRep, { tenantId, actor: admin, input: { name: 'Rep' } });
      await send(P.setAccountSalesRep, { tenantId, actor: staff, id, salesRepId: rep.id });
      await send(P.setCustomerBrand, { tenantId, actor: staff, id, brandId: alpha.id, input: { status: 'active', rateBps: 900 } });
      await send(CustomersPatterns.delete, { tenantId, actor: admin, id });
      expect(await db(`SELECT count(*)::int AS n FROM customer_brands WHERE tenant_id = $1`, [tenantId])).toEqual([{ n: 0 }]);
      expect(await db(`SELECT count(*)::int AS n FROM account_sales_reps WHERE tenant_id = $1`, [tenantId])).toEqual([{ n: 0 }]);
      // The tenant's brand is not the customer's data: it stays, and can now be deleted.
      expect(await send(P.deleteBrand, { tenantId, actor: admin, brandId: alpha.id })).toEqual({ id: alpha.id, deleted: true });
    });
  });
});
