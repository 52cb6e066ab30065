import { Injectable, StreamableFile } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { CustomersB2BPatterns as P, DomainError, ErrorCodes, invalid, type AttachmentView, type UploadSession } from '@app/contracts';
import type { CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { attachmentDisposition, matchesEtag, rechunk } from './transfer-rules';

/** After a refusal, at most this much of the rest of the body is read (so the client sees the answer); beyond it the connection is closed. */
const DRAIN_LIMIT = 4 * 1024 * 1024;

const tooLarge = (maxBytes: number) => new DomainError(413, ErrorCodes.payloadTooLarge, `Attachments may be at most ${maxBytes} bytes`);
const notMultipart = () =>
  new DomainError(415, ErrorCodes.unsupportedMediaType, 'Send the file as multipart/form-data with one part named "file"');

/**
 * Moves attachment bytes between HTTP and the customers service, which keeps them in Postgres.
 * A NATS message may not exceed the server's max_payload (1 MB by default), so a file never
 * crosses NATS whole: the upload is read from the multipart stream and sent as it arrives, one
 * chunk of the size the service asks for per request (base64 in the JSON packet), then
 * completed with the byte count, the chunk count and the SHA-256, which the service checks
 * against what it stored. Nothing is buffered beyond one chunk. A download reads the chunks
 * back one request at a time into the response stream.
 */
@Injectable()
export class AttachmentTransfer {
  constructor(private readonly rpc: RpcGateway) {}

  async upload(caller: CallContext, customerId: string, request: FastifyRequest, reply: FastifyReply): Promise<AttachmentView> {
    if (!request.isMultipart()) throw notMultipart();
    const part = await this.firstFile(request);
    let session: UploadSession | null = null;
    try {
      session = await this.rpc.send<UploadSession>(P.beginUpload, caller, { id: customerId, input: { fileName: part.filename, contentType: part.mimetype } });
      const { uploadId, maxBytes } = session;
      const hash = createHash('sha256');
      let bytes = 0;
      let index = 0;
      const source = part.file.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
      for await (const chunk of rechunk(source, session.chunkBytes, (total) => {
        if (total > maxBytes) throw tooLarge(maxBytes);
      })) {
        hash.update(chunk);
        bytes += chunk.length;
        await this.rpc.send(P.appendUploadChunk, caller, { id: customerId, uploadId, index, data: chunk.toString('base64') });
        index += 1;
      }
      if (bytes === 0) throw invalid({ file: ['file is empty'] });
      return await this.rpc.send<AttachmentView>(P.completeUpload, caller, { id: customerId, uploadId, chunks: index, bytes, sha256: hash.digest('hex') });
    } catch (e) {
      if (session) this.rpc.send(P.abortUpload, caller, { id: customerId, uploadId: session.uploadId }).catch(() => undefined);
      // Read what is left (up to a bound) so the client, still sending, gets to read the answer.
      if (!(await drain(part.file, DRAIN_LIMIT))) reply.header('Connection', 'close');
      throw e;
    }
  }

  async download(caller: CallContext, customerId: string, itemId: string, reply: FastifyReply, ifNoneMatch: string | undefined): Promise<StreamableFile | undefined> {
    const meta = await this.rpc.send<AttachmentView>(P.getAttachment, caller, { id: customerId, itemId });
    const etag = `"${meta.sha256}"`;
    reply
      .header('ETag', etag)
      .header('Cache-Control', 'private, no-cache')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox");
    if (matchesEtag(ifNoneMatch, etag)) {
      reply.status(304);
      return undefined;
    }
    // The first chunk is read before the answer starts, so a missing attachment is still a 404.
    const read = async (index: number) =>
      Buffer.from((await this.rpc.send<{ data: string }>(P.readAttachmentChunk, caller, { id: customerId, itemId, index })).data, 'base64');
    const first = await read(0);
    async function* chunks(): AsyncGenerator<Buffer> {
      yield first;
      for (let index = 1; index < meta.chunks; index++) yield await read(index);
    }
    return new StreamableFile(Readable.from(chunks()), { type: meta.contentType, length: meta.size, disposition: attachmentDisposition(meta.fileName) });
  }

  private async firstFile(request: FastifyRequest): Promise<MultipartFile> {
    let part: MultipartFile | undefined;
    try {
      part = await request.file();
    } catch (e) {
      throw invalid({ file: [`the multipart body could not be read: ${(e as Error).message}`] });
    }
    if (!part) throw invalid({ file: ['file is required: send one part named "file"'] });
    if (part.fieldname !== 'file') {
      await drain(part.file, DRAIN_LIMIT);
      throw invalid({ file: [`the file part must be named "file", not "${part.fieldname}"`] });
    }
    return part;
  }
}

/** Reads and discards the rest of a stream; false when more than `limit` bytes were left (then it stops reading). */
function drain(stream: Readable, limit: number): Promise<boolean> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const done = (ok: boolean) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      if (!ok) stream.pause();
      resolve(ok);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) done(false);
    };
    const onEnd = () => done(true);
    const onError = () => done(false);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.resume();
  });
}
