import { STATUS_CODES } from 'node:http';
import { DomainError, ErrorCodes, type FieldErrors } from '@app/contracts';

/** An RFC 9457 problem document, as every error answer of the gateway. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldErrors;
  instance?: string;
  requestId?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are URNs named by the stable code (there is no page to fetch). */
export const problemType = (code: string) => `urn:problem-type:customer360:${code}`;

const CODE_BY_STATUS: Record<number, string> = {
  400: ErrorCodes.badRequest,
  401: ErrorCodes.unauthorized,
  403: ErrorCodes.forbidden,
  404: ErrorCodes.notFound,
  409: ErrorCodes.conflict,
  413: ErrorCodes.payloadTooLarge,
  415: ErrorCodes.unsupportedMediaType,
  429: ErrorCodes.rateLimited,
  503: ErrorCodes.serviceUnavailable,
  504: ErrorCodes.serviceTimeout,
};

const DETAIL_BY_CODE: Record<string, string> = {
  [ErrorCodes.rateLimited]: 'Too many requests for this tenant; try again later',
  [ErrorCodes.payloadTooLarge]: 'The request body is larger than the gateway accepts',
};

/** Fastify's own errors that are the client's fault, by their code. */
const FASTIFY_CODES: Record<string, { status: number; code: string; detail?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: ErrorCodes.payloadTooLarge },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: ErrorCodes.unsupportedMediaType, detail: 'Send the body as application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: ErrorCodes.badRequest },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: ErrorCodes.badRequest, detail: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: ErrorCodes.badRequest, detail: 'The body is not valid JSON' },
};

interface HttpExceptionLike {
  getStatus(): number;
  getResponse(): unknown;
  message: string;
  cause?: unknown;
}

const isHttpException = (e: unknown): e is HttpExceptionLike =>
  !!e && typeof (e as HttpExceptionLike).getStatus === 'function' && typeof (e as HttpExceptionLike).getResponse === 'function';

const asFastifyError = (e: unknown): { code: string; statusCode?: number; message: string } | null =>
  e && typeof (e as { code?: unknown }).code === 'string' && String((e as { code: string }).code).startsWith('FST_ERR')
    ? (e as { code: string; statusCode?: number; message: string })
    : null;

function fieldErrorsOf(details: unknown): FieldErrors | undefined {
  const errors = (details as { errors?: unknown } | undefined)?.errors;
  return errors && typeof errors === 'object' ? (errors as FieldErrors) : undefined;
}

export interface ProblemResult {
  problem: Problem;
  /** True for faults of the server (unknown errors): log them, never show their message. */
  unexpected: boolean;
}

/**
 * Any error (DomainError from a service or a rule, a Nest HttpException, a Fastify error, the
 * throttler, anything else) as a problem document. Unknown errors become a bare 500.
 */
export function toProblem(error: unknown, context: { requestId?: string; instance?: string } = {}): ProblemResult {
  const build = (status: number, code: string, detail: string, errors?: FieldErrors, unexpected = false): ProblemResult => ({
    unexpected,
    problem: {
      type: problemType(code),
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      code,
      ...(errors ? { errors } : {}),
      ...(context.instance ? { instance: context.instance } : {}),
      ...(context.requestId ? { requestId: context.requestId } : {}),
    },
  });

  if (error instanceof DomainError) return build(error.status, error.code, error.message, fieldErrorsOf(error.details), error.status >= 500 && error.status !== 503);

  const fastify = asFastifyError(error) ?? asFastifyError((error as { cause?: unknown })?.cause);
  if (fastify && FASTIFY_CODES[fastify.code]) {
    const known = FASTIFY_CODES[fastify.code];
    return build(known.status, known.code, known.detail ?? DETAIL_BY_CODE[known.code] ?? fastify.message);
  }

  if (isHttpException(error)) {
    const status = error.getStatus();
    if (status >= 500) return build(500, ErrorCodes.internal, 'Internal error', undefined, true);
    const code = CODE_BY_STATUS[status] ?? `http_${status}`;
    // A body parse error surfaces as a SyntaxError cause (invalid JSON) in a 400.
    const detail = error.cause instanceof SyntaxError ? 'The body is not valid JSON' : (DETAIL_BY_CODE[code] ?? httpMessage(error));
    return build(status, code, detail);
  }

  if (fastify && typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return build(fastify.statusCode, CODE_BY_STATUS[fastify.statusCode] ?? `http_${fastify.statusCode}`, fastify.message);
  }
  return build(500, ErrorCodes.internal, 'Internal error', undefined, true);
}

function httpMessage(error: HttpExceptionLike): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown })?.message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return error.message;
}
