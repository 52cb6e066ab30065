import fastifyMultipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError, ErrorCodes } from '@app/contracts';

/** Limits of the multipart parser; the file's own limit is the customers service's (ATTACHMENT_MAX_BYTES), checked while streaming. */
export const MULTIPART_LIMITS = {
  files: 1,
  fields: 5,
  fieldSize: 1024,
  fieldNameSize: 100,
  parts: 6,
  headerPairs: 100,
  fileSize: Number.MAX_SAFE_INTEGER,
};

/** The only routes that take multipart/form-data; every other route stays JSON only (415). */
export const MULTIPART_ROUTES: ReadonlySet<string> = new Set(['POST /v1/customers/:id/attachments']);

/**
 * Registers @fastify/multipart for attachment uploads (streamed, never buffered whole; see
 * attachment-transfer.service.ts). The plugin would give every route a multipart parser, so a
 * hook refuses multipart bodies on the routes that expect JSON, as before.
 */
export async function registerMultipartUploads(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyMultipart, { limits: MULTIPART_LIMITS });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (request) => {
      if (request.isMultipart() && !MULTIPART_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) {
        throw new DomainError(415, ErrorCodes.unsupportedMediaType, 'Send the body as application/json');
      }
    });
}
