import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { invalid } from '@app/contracts';
import type { GatewayRequest } from './gateway-request';

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * The `Idempotency-Key` header of a request that creates or moves value, passed on to the
 * service as `idempotencyKey` (the service stores the first answer with its change). Absent
 * means undefined; a malformed key is a 400.
 */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<GatewayRequest>().headers[HEADER];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw invalid({ 'Idempotency-Key': ['must be 1-200 visible ASCII characters'] });
  }
  return value;
});

/** OpenAPI note for routes that take an Idempotency-Key. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Repeat the request with the same key and body to get the first answer without doing it twice (keys are kept 24 hours); the same key with another body is 422 idempotency_key_reused.',
    }),
  );
