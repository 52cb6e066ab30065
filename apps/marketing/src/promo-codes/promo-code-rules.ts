import { randomInt } from 'node:crypto';
import type { FieldErrors } from '@app/contracts';

/** Promo codes (M4) as pure rules: what a code looks like, and how new ones are made. */
export const PROMO_LIMITS = { import: 10_000, generate: 100_000, prefix: 20, minLength: 6, maxLength: 32 };
const CODE = /^[A-Z0-9][A-Z0-9_-]{2,63}$/;
/** No 0/O or 1/I/L: codes are read aloud and typed from paper. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Codes are compared without case and surrounding spaces: stored upper-case. */
export function normalizeCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.trim().toUpperCase();
  return CODE.test(code) ? code : null;
}
export const CODE_RULE = '3-64 letters, digits, _ or -, starting with a letter or digit';

/** Imported codes, upper-cased, or errors by index; a code given twice is an error. */
export function checkImportedCodes(raw: unknown, field = 'codes'): { codes: string[]; errors: FieldErrors } {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > PROMO_LIMITS.import) {
    return { codes: [], errors: { [field]: [`must be a list of 1-${PROMO_LIMITS.import} codes`] } };
  }
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  const codes: string[] = [];
  raw.forEach((value, i) => {
    const code = normalizeCode(value);
    if (!code) errors[`${field}[${i}]`] = [`must be ${CODE_RULE}`];
    else if (seen.has(code)) errors[`${field}[${i}]`] = [`${code} is in the list twice`];
    else {
      seen.add(code);
      codes.push(code);
    }
  });
  return { codes, errors };
}

export interface GenerateSpec {
  count: number;
  prefix: string;
  length: number;
}

export function checkGenerateSpec(raw: unknown, field = 'generate'): { spec: GenerateSpec | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { spec: null, errors: { [field]: ['must be { count, prefix?, length? }'] } };
  const g = raw as Record<string, unknown>;
  for (const key of Object.keys(g)) if (!['count', 'prefix', 'length'].includes(key)) errors[`${field}.${key}`] = [`${key} is not allowed`];
  const count = g.count;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > PROMO_LIMITS.generate) {
    errors[`${field}.count`] = [`must be a whole number from 1 to ${PROMO_LIMITS.generate}`];
  }
  const prefix = g.prefix === undefined ? '' : typeof g.prefix === 'string' ? g.prefix.trim().toUpperCase() : null;
  if (prefix === null || prefix.length > PROMO_LIMITS.prefix || !/^[A-Z0-9_-]*$/.test(prefix)) {
    errors[`${field}.prefix`] = [`must be at most ${PROMO_LIMITS.prefix} letters, digits, _ or -`];
  }
  const length = g.length === undefined ? 10 : g.length;
  if (!Number.isInteger(length) || (length as number) < PROMO_LIMITS.minLength || (length as number) > PROMO_LIMITS.maxLength) {
    errors[`${field}.length`] = [`must be a whole number from ${PROMO_LIMITS.minLength} to ${PROMO_LIMITS.maxLength}`];
  }
  if (Object.keys(errors).length) return { spec: null, errors };
  return { spec: { count: count as number, prefix: prefix as string, length: length as number }, errors };
}

/** One random code: prefix plus `length` characters of the alphabet (about 4.95 bits each). */
export function generateCode(prefix: string, length: number, random: (max: number) => number = randomInt): string {
  let code = prefix;
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}
