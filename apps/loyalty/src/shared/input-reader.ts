import { invalid, type FieldErrors, type Utm } from '@app/contracts';
import { isIsoDate } from '@app/common';

/** ISO 8601 instant with a zone (Z or ±hh:mm), e.g. 2025-06-01T10:00:00Z or 2025-06-01T12:00:00.000+02:00. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
export const isIsoTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && ISO_TIMESTAMP.test(value) && isIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));

export const CURRENCY = /^[A-Z]{3}$/;
/** Largest amount in minor units we take (a thousand billion): sums stay exact in JS numbers. */
export const MAX_AMOUNT = 1_000_000_000_000;
const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

interface Presence {
  required?: boolean;
  /** null is accepted (and returned) instead of refused, e.g. to clear a field in an update. */
  nullable?: boolean;
}

/**
 * Reads a payload field by field, collecting every problem as `field → messages`, so a service
 * answers one 400 naming all bad fields (NATS callers do not pass the gateway's DTOs).
 */
export class InputReader {
  readonly errors: FieldErrors = {};

  constructor(
    private readonly input: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  private name(field: string): string {
    return `${this.prefix}${field}`;
  }

  fail(field: string, message: string): void {
    const key = this.name(field);
    (this.errors[key] ??= []).push(message);
  }

  has(field: string): boolean {
    return this.input[field] !== undefined;
  }

  /** Undefined when absent (or a 400 when required); null when nullable and null. */
  private present(field: string, options: Presence): 'absent' | 'null' | 'value' {
    const value = this.input[field];
    if (value === undefined || (value === null && !options.nullable)) {
      if (options.required || value === null) this.fail(field, value === null ? 'must not be null' : 'is required');
      return 'absent';
    }
    return value === null ? 'null' : 'value';
  }

  text(field: string, options: Presence & { max: number; pattern?: RegExp; patternMessage?: string; emptyAsAbsent?: boolean }): string | null | undefined {
    const p = this.present(field, options);
    if (p !== 'value') return p === 'null' ? null : undefined;
    const value = this.input[field];
    if (typeof value !== 'string') return this.fail(field, 'must be text'), undefined;
    const trimmed = value.trim();
    if (trimmed === '') {
      if (options.emptyAsAbsent) return options.nullable ? null : undefined;
      return this.fail(field, 'must not be empty'), undefined;
    }
    if (trimmed.length > options.max) return this.fail(field, `must be at most ${options.max} characters`), undefined;
    if (options.pattern && !options.pattern.test(trimmed)) return this.fail(field, options.patternMessage ?? 'has the wrong format'), undefined;
    return trimmed;
  }

  int(field: string, options: Presence & { min: number; max: number }): number | null | undefined {
    const p = this.present(field, options);
    if (p !== 'value') return p === 'null' ? null : undefined;
    const value = this.input[field];
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.fail(field, 'must be a whole number'), undefined;
    if (value < options.min || value > options.max) return this.fail(field, `must be from ${options.min} to ${options.max}`), undefined;
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], options: Presence = {}): T | null | undefined {
    const p = this.present(field, options);
    if (p !== 'value') return p === 'null' ? null : undefined;
    const value = this.input[field];
    if (!allowed.includes(value as T)) return this.fail(field, `must be one of ${allowed.join(', ')}`), undefined;
    return value as T;
  }

  date(field: string, options: Presence = {}): string | null | undefined {
    const p = this.present(field, options);
    if (p !== 'value') return p === 'null' ? null : undefined;
    const value = this.input[field];
    if (!isIsoDate(value)) return this.fail(field, 'must be a date YYYY-MM-DD'), undefined;
    return value;
  }

  timestamp(field: string, options: Presence = {}): Date | null | undefined {
    const p = this.present(field, options);
    if (p !== 'value') return p === 'null' ? null : undefined;
    const value = this.input[field];
    if (!isIsoTimestamp(value)) return this.fail(field, 'must be an ISO 8601 timestamp with a zone, e.g. 2025-06-01T10:00:00Z'), undefined;
    return new Date(value);
  }

  bool(field: string, options: Presence = {}): boolean | undefined {
    const p = this.present(field, options);
    if (p !== 'value') return undefined;
    const value = this.input[field];
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    return this.fail(field, 'must be true or false'), undefined;
  }

  uuid(field: string, options: Presence = {}): string | undefined {
    const value = this.text(field, { ...options, max: 36, pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, patternMessage: 'must be a UUID' });
    return value ? value.toLowerCase() : undefined;
  }

  currency(field = 'currency'): string | undefined {
    return this.text(field, { max: 3, pattern: CURRENCY, patternMessage: 'must be an ISO 4217 code in capitals, e.g. EUR' }) ?? undefined;
  }

  /** UTM parameters: an object of at most source, medium, campaign, term, content (text up to 500). */
  utm(field = 'utm', options: Presence = {}): Utm | null | undefined {
    const p = this.present(field, options);
    if (p !== 'value') return p === 'null' ? null : undefined;
    const value = this.input[field];
    if (!value || typeof value !== 'object' || Array.isArray(value)) return this.fail(field, 'must be an object'), undefined;
    const inner = new InputReader(value as Record<string, unknown>, `${this.name(field)}.`);
    inner.allowOnly(UTM_KEYS);
    const utm: Utm = {};
    for (const key of UTM_KEYS) {
      const v = inner.text(key, { max: 500 });
      if (v) utm[key] = v;
    }
    Object.assign(this.errors, inner.errors);
    return utm;
  }

  /** Fields not in `allowed` are refused ("is not allowed"), as the gateway does. */
  allowOnly(allowed: readonly string[]): void {
    for (const key of Object.keys(this.input)) if (!allowed.includes(key)) this.fail(key, 'is not allowed');
  }

  merge(errors: FieldErrors): void {
    for (const [key, messages] of Object.entries(errors)) (this.errors[key] ??= []).push(...messages);
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Throws one 400 validation_failed with every problem found. */
  done(): void {
    if (!this.ok) throw invalid(this.errors);
  }
}
