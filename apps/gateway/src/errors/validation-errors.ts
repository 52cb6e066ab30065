import type { FieldErrors } from '@app/contracts';

/** The parts of class-validator's ValidationError this module reads (kept structural so it stays pure). */
export interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/**
 * class-validator errors as `{ field: [messages] }`, nested fields as dotted paths
 * (`utm.source`, `otherEmails.1`). An unknown field reads "is not allowed".
 */
export function flattenValidationErrors(errors: ValidationErrorLike[], parent = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.entries(error.constraints ?? {}).map(([name, message]) =>
      name === 'whitelistValidation' ? `${path} is not allowed` : message,
    );
    if (messages.length) out[path] = [...(out[path] ?? []), ...messages];
    if (error.children?.length) {
      for (const [field, childMessages] of Object.entries(flattenValidationErrors(error.children, path))) {
        out[field] = [...(out[field] ?? []), ...childMessages];
      }
    }
  }
  return out;
}
