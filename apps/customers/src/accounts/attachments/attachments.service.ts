import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  conflict,
  CustomerB2BEvents,
  CustomersB2BErrorCodes,
  invalid,
  notFound,
  type AttachmentCreatedV1,
  type AttachmentDeletedV1,
  type AttachmentUpdatedV1,
  type AttachmentView,
  type Deleted,
  type DomainError,
  type Page,
  type UploadSession,
} from '@app/contracts';
import type { Caller } from '@app/common';
import { pageOf, pageRequest } from '../shared/account-page';
import { AccountStore } from '../shared/account-store.service';
import { actorRef } from '../shared/actor-ref';
import { readFilters } from '../shared/input-reader';
import {
  acceptedContentType,
  CHUNK_BYTES,
  completionProblem,
  contentMismatch,
  contentMatchesType,
  decodeChunk,
  normalizeFileName,
  toAttachmentView,
  tooLarge,
  withinLimit,
} from './attachment-rules';
import { ATTACHMENT_SETTINGS, type AttachmentSettings } from './attachment-settings';
import { AttachmentsRepository } from './attachments.repository';

const SORT = 'attachments:-seq';
const attachmentNotFound = () => notFound('Attachment', CustomersB2BErrorCodes.attachmentNotFound);
const uploadNotFound = () => notFound('Upload', CustomersB2BErrorCodes.uploadNotFound);
const mismatch = (message: string) => conflict(CustomersB2BErrorCodes.uploadMismatch, message);
const fileNameError = () => invalid({ fileName: ['fileName must be a file name of 1-255 characters'] });

/**
 * Attachments (C14), visible to all staff of the tenant. A file arrives in chunks of at most
 * CHUNK_BYTES (one NATS message each): beginUpload checks the customer, the type and a declared
 * size; each chunk is stored in Postgres as it comes, in order, refused once the total passes
 * the limit (413) or when the first bytes do not look like the declared type (415) — both also
 * drop the upload; completeUpload checks that the counts and the SHA-256 of what was stored
 * match the sender's, then the attachment is listed and its event published. Downloads read
 * the chunks back one at a time.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly store: AccountStore,
    private readonly repository: AttachmentsRepository,
    @Inject(ATTACHMENT_SETTINGS) private readonly settings: AttachmentSettings,
  ) {}

  async begin(caller: Caller, customerId: string, input: Record<string, unknown>): Promise<UploadSession> {
    const { maxBytes, contentTypes } = this.settings;
    const fileName = normalizeFileName(input.fileName);
    if (!fileName) throw fileNameError();
    const contentType = acceptedContentType(input.contentType, contentTypes);
    const declared = input.declaredBytes;
    if (declared !== undefined && declared !== null) {
      if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0) throw invalid({ declaredBytes: ['declaredBytes must be a whole number of bytes'] });
      if (declared > maxBytes) throw tooLarge(maxBytes);
    }
    const { tenantId } = caller;
    const uploadId = randomUUID();
    await this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      await this.repository.purgeAbandoned(em, tenantId);
      await this.repository.insertUpload(em, tenantId, customerId, uploadId, { fileName, contentType, maxBytes }, actorRef(caller.actor));
    });
    return { uploadId, chunkBytes: CHUNK_BYTES, maxBytes };
  }

  async appendChunk(caller: Caller, customerId: string, uploadId: string, index: unknown, data: unknown): Promise<{ receivedBytes: number; chunks: number }> {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw invalid({ index: ['index must be a whole number from 0'] });
    const chunk = decodeChunk(data);
    const { tenantId } = caller;
    // A refusal that drops the upload must commit the drop, so it is returned out of the transaction and thrown after.
    const outcome = await this.store.write(caller, async (em): Promise<{ refused: DomainError } | { receivedBytes: number; chunks: number }> => {
      const upload = await this.repository.lockUpload(em, tenantId, customerId, uploadId);
      if (!upload) throw uploadNotFound();
      if (index !== upload.chunk_count) throw mismatch(`Chunk ${index} arrived where chunk ${upload.chunk_count} was expected`);
      const maxBytes = Number(upload.max_bytes);
      let refused: DomainError | null = null;
      if (!withinLimit(Number(upload.size_bytes), chunk.length, maxBytes)) refused = tooLarge(maxBytes);
      else if (index === 0 && !contentMatchesType(upload.content_type, chunk)) refused = contentMismatch(upload.content_type);
      if (refused) {
        await this.repository.delete(em, tenantId, uploadId);
        return { refused };
      }
      const totals = await this.repository.appendChunk(em, tenantId, uploadId, index, chunk);
      return { receivedBytes: Number(totals.size_bytes), chunks: totals.chunk_count };
    });
    if ('refused' in outcome) throw outcome.refused;
    return outcome;
  }

  async complete(caller: Caller, customerId: string, uploadId: string, claimed: { chunks: unknown; bytes: unknown; sha256: unknown }): Promise<AttachmentView> {
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      const upload = await this.repository.lockUpload(em, tenantId, customerId, uploadId);
      if (!upload) throw uploadNotFound();
      const sha256 = await this.repository.storedSha256(em, tenantId, uploadId);
      const problem = completionProblem({ chunks: upload.chunk_count, bytes: Number(upload.size_bytes), sha256 }, claimed);
      if (problem) throw mismatch(problem);
      const attachment = toAttachmentView(await this.repository.markReady(em, tenantId, uploadId, sha256));
      await this.store.emit<AttachmentCreatedV1>(em, caller, CustomerB2BEvents.attachmentCreated, { customerId, item: attachment });
      return attachment;
    });
  }

  async abort(caller: Caller, customerId: string, uploadId: string): Promise<{ id: string; aborted: true }> {
    const { tenantId } = caller;
    await this.store.write(caller, async (em) => {
      if (await this.repository.lockUpload(em, tenantId, customerId, uploadId)) await this.repository.delete(em, tenantId, uploadId);
    });
    return { id: uploadId, aborted: true };
  }

  async get(caller: Caller, customerId: string, attachmentId: string): Promise<AttachmentView> {
    const row = await this.repository.find(this.store.reader, caller.tenantId, customerId, attachmentId);
    if (!row) throw attachmentNotFound();
    return toAttachmentView(row);
  }

  async readChunk(caller: Caller, customerId: string, attachmentId: string, index: unknown): Promise<{ index: number; data: string }> {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw invalid({ index: ['index must be a whole number from 0'] });
    const data = await this.repository.chunk(this.store.reader, caller.tenantId, customerId, attachmentId, index);
    if (!data) throw attachmentNotFound();
    return { index, data: data.toString('base64') };
  }

  async rename(caller: Caller, customerId: string, attachmentId: string, input: Record<string, unknown>): Promise<AttachmentView> {
    const unknown = Object.keys(input).filter((k) => k !== 'fileName');
    if (unknown.length) throw invalid(Object.fromEntries(unknown.map((k) => [k, [`${k} is not allowed`]])));
    const fileName = normalizeFileName(input.fileName);
    if (!fileName) throw fileNameError();
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      const row = await this.repository.find(em, tenantId, customerId, attachmentId, true);
      if (!row) throw attachmentNotFound();
      if (row.file_name === fileName) return toAttachmentView(row);
      const attachment = toAttachmentView(await this.repository.rename(em, tenantId, attachmentId, fileName));
      await this.store.emit<AttachmentUpdatedV1>(em, caller, CustomerB2BEvents.attachmentUpdated, { customerId, item: attachment, changed: ['fileName'] });
      return attachment;
    });
  }

  async delete(caller: Caller, customerId: string, attachmentId: string): Promise<Deleted> {
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      const row = await this.repository.find(em, tenantId, customerId, attachmentId, true);
      if (!row) throw attachmentNotFound();
      await this.repository.delete(em, tenantId, attachmentId);
      await this.store.emit<AttachmentDeletedV1>(em, caller, CustomerB2BEvents.attachmentDeleted, { customerId, item: toAttachmentView(row) });
      return { id: attachmentId, deleted: true as const };
    });
  }

  async list(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<AttachmentView>> {
    readFilters(query, {});
    const request = pageRequest(query, SORT, 'integer');
    const em = this.store.reader;
    const rows = await this.repository.page(em, caller.tenantId, customerId, request);
    // Items exist only for live customers: only an empty page needs to ask whether the customer does.
    if (rows.length === 0) await this.store.assertCustomer(em, caller.tenantId, customerId);
    return pageOf(rows, request, SORT, (r) => ({ value: String(r.seq), id: r.id }), toAttachmentView);
  }
}
