import type { FastifyInstance } from 'fastify';
import { Headers } from '@app/contracts';
import { httpDuration } from '@app/platform';

/**
 * Fastify-level hooks, so they also cover answers Nest never sees (unknown routes, body errors):
 * - the request id (chosen by the adapter's genReqId) is echoed in `x-request-id` and written
 *   back into the request headers, where the logger's genReqId picks up the same id;
 * - the duration of every answer goes to `http_request_duration_seconds` by route pattern.
 */
export function installHttpHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    request.raw.headers[Headers.requestId] = request.id;
    reply.header(Headers.requestId, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
