import { isTimeZone } from '@app/common';
import type { FieldErrors, TenantSettings } from '@app/contracts';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Checks a settings change and applies it to the current settings; unknown fields are refused. */
export function applySettingsChange(current: TenantSettings, input: Record<string, unknown>): { settings: TenantSettings; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const next: TenantSettings = { ...current };
  for (const [field, value] of Object.entries(input)) {
    switch (field) {
      case 'timeZone':
        if (isTimeZone(value)) next.timeZone = value;
        else errors.timeZone = ['must be an IANA time zone such as Europe/Berlin'];
        break;
      case 'currency':
        if (typeof value === 'string' && CURRENCIES.has(value.toUpperCase())) next.currency = value.toUpperCase();
        else errors.currency = ['must be an ISO 4217 currency code such as EUR'];
        break;
      case 'publicUrl':
        if (value === null) next.publicUrl = null;
        else if (isHttpUrl(value)) next.publicUrl = value.replace(/\/+$/, '');
        else errors.publicUrl = ['must be an http(s) URL of at most 500 characters, or null'];
        break;
      case 'bonusDeactivationWindowDays':
        if (isWholeNumber(value, 0, 3650)) next.bonusDeactivationWindowDays = value;
        else errors.bonusDeactivationWindowDays = ['must be a whole number of days from 0 to 3650'];
        break;
      case 'interestWindowDays':
        if (isWholeNumber(value, 1, 3650)) next.interestWindowDays = value;
        else errors.interestWindowDays = ['must be a whole number of days from 1 to 3650'];
        break;
      default:
        errors[field] = ['is not a setting'];
    }
  }
  return { settings: next, errors };
}

const isWholeNumber = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 500) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash;
  } catch {
    return false;
  }
}
