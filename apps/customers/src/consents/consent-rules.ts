import { CONSENT_STATUSES, type Actor, type ConsentStatus, type FieldErrors, type SetConsentInput } from '@app/contracts';

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/**
 * Checks a consent change (C7). The source defaults to "customer" when the customer acts
 * through the portal, else "admin".
 */
export function validateConsentInput(input: Record<string, unknown>, actor: Actor): { value: Required<SetConsentInput>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const key = typeof input.key === 'string' ? input.key.trim() : '';
  if (!KEY.test(key)) errors.key = ['must be 1-100 letters, digits, _ . : or -, starting with a letter or digit'];
  const status = input.status as ConsentStatus;
  if (!CONSENT_STATUSES.includes(status)) errors.status = [`must be one of ${CONSENT_STATUSES.join(', ')}`];
  let source = actor.type === 'customer' ? 'customer' : 'admin';
  if (input.source !== undefined && input.source !== null) {
    if (typeof input.source !== 'string' || input.source.trim() === '' || input.source.length > 100) errors.source = ['must be 1-100 characters'];
    else source = input.source.trim();
  }
  return { value: { key, status, source }, errors };
}
