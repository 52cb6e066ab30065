import { DomainError, invalid } from '@app/contracts';
import { toProblem } from './problem';

/** Stand-ins with the shapes Nest and Fastify throw (the real classes cannot load under Jest). */
class FakeHttpException extends Error {
  constructor(
    private readonly response: unknown,
    private readonly status: number,
    readonly cause?: unknown,
  ) {
    super(typeof response === 'string' ? response : 'Http Exception');
  }
  getStatus() {
    return this.status;
  }
  getResponse() {
    return this.response;
  }
}
const fastifyError = (code: string, statusCode: number, message: string) => Object.assign(new Error(message), { code, statusCode });

describe('toProblem', () => {
  it('maps a DomainError from a service with its status, code and field errors', () => {
    const { problem, unexpected } = toProblem(invalid({ phone: ['phone is not a valid number'] }), { requestId: 'r1', instance: '/v1/customers' });
    expect(unexpected).toBe(false);
    expect(problem).toEqual({
      type: 'urn:problem-type:customer360:validation_failed',
      title: 'Bad Request',
      status: 400,
      detail: 'The request has invalid fields',
      code: 'validation_failed',
      errors: { phone: ['phone is not a valid number'] },
      instance: '/v1/customers',
      requestId: 'r1',
    });
  });

  it('keeps the code of a conflict and of a 503', () => {
    expect(toProblem(new DomainError(409, 'active_loyalty_card', 'Delete the card first')).problem).toMatchObject({
      status: 409,
      code: 'active_loyalty_card',
      title: 'Conflict',
      detail: 'Delete the card first',
    });
    expect(toProblem(new DomainError(503, 'service_unavailable', 'down'))).toMatchObject({ unexpected: false, problem: { status: 503 } });
  });

  it('maps Nest HttpExceptions by status', () => {
    expect(toProblem(new FakeHttpException({ message: 'Cannot GET /x', statusCode: 404 }, 404)).problem).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'Cannot GET /x',
    });
    expect(toProblem(new FakeHttpException('ThrottlerException: Too Many Requests', 429)).problem).toMatchObject({
      status: 429,
      code: 'rate_limited',
      detail: expect.stringMatching(/tenant/),
    });
  });

  it('maps Fastify body errors, bare or wrapped by Nest', () => {
    const tooLarge = fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413, 'Request body is too large');
    expect(toProblem(tooLarge).problem).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(toProblem(new FakeHttpException('Request body is too large', 413, tooLarge)).problem).toMatchObject({ status: 413, code: 'payload_too_large' });
    const media = fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, "Unsupported Media Type: 'text/plain'");
    expect(toProblem(new FakeHttpException('x', 415, media)).problem).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    const badJson = fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400, "Body is not valid JSON but content-type is set to 'application/json'");
    expect(toProblem(badJson).problem).toMatchObject({ status: 400, code: 'bad_request', detail: 'The body is not valid JSON' });
    expect(toProblem(new FakeHttpException('Unexpected end of JSON input', 400, new SyntaxError('x'))).problem.detail).toBe('The body is not valid JSON');
  });

  it('hides unknown errors behind a bare 500 and flags them for the log', () => {
    const { problem, unexpected } = toProblem(new TypeError('secret internals at db.ts:42'), { requestId: 'r2' });
    expect(unexpected).toBe(true);
    expect(problem).toMatchObject({ status: 500, code: 'internal_error', detail: 'Internal error', requestId: 'r2' });
    expect(JSON.stringify(problem)).not.toMatch(/secret/);
    expect(toProblem(new FakeHttpException('boom', 500)).problem.detail).toBe('Internal error');
  });
});
