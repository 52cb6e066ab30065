import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Headers } from '@app/contracts';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/** The one place errors become answers: RFC 9457 application/problem+json with the request id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const requestId = String(request.id ?? '');
    const { problem, unexpected } = toProblem(error, { requestId, instance: request.url?.split('?')[0] });
    if (unexpected) {
      this.logger.error(`Unexpected error (request ${requestId}, ${request.method} ${request.routeOptions?.url ?? 'unmatched route'}): ${(error as Error)?.stack ?? error}`);
    } else if (problem.status >= 500) {
      this.logger.warn(`${problem.code} (request ${requestId}): ${problem.detail}`);
    }
    if (reply.sent) return;
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).header(Headers.requestId, requestId).send(problem);
  }
}
