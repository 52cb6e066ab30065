import { ValidationPipe } from '@nestjs/common';
import { invalid } from '@app/contracts';
import { flattenValidationErrors } from '../errors/validation-errors';

/** Every body and query DTO: unknown fields refused, values converted to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
}
