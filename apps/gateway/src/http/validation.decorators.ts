import { Matches, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { UUID_PATTERN } from '@app/common';

/** The field may be left out, but when present it must be valid: `null` is not accepted. */
export const IsOptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

export const ATTRIBUTE_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_ATTRIBUTES = 100;
const MAX_ATTRIBUTE_STRING = 2000;

const isAttributeValue = (value: unknown) =>
  value === null ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value.length <= MAX_ATTRIBUTE_STRING);

/**
 * `{ key: value }` of custom attributes: keys like `loyaltyTier`, values string, number, boolean
 * or null. Whether a key is defined and the value fits its type is the customers service's rule (C4).
 */
export function IsAttributeMap(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isAttributeMap',
      validator: {
        validate: (value: unknown) =>
          !!value &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.keys(value).length <= MAX_ATTRIBUTES &&
          Object.entries(value).every(([key, v]) => ATTRIBUTE_KEY_PATTERN.test(key) && isAttributeValue(v)),
        defaultMessage: () =>
          `attributes must be an object of at most ${MAX_ATTRIBUTES} keys (letters, digits, _) with string, number, boolean or null values`,
      },
    },
    options,
  );
}

/**
 * An id: any 8-4-4-4-12 hex UUID, as the path pipes and the services accept (class-validator's
 * IsUUID('all') also demands the version and variant bits, which ids made from a hash lack).
 */
export const IsId = (options: ValidationOptions = {}) =>
  Matches(UUID_PATTERN, { message: ({ property }) => `${property} must be a UUID`, ...options });
