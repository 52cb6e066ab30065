import { isUuid } from '@app/common';
import type { FieldErrors } from '@app/contracts';

/** Small readers for service-side input checks; each records a message under its field path. */
export class InputReader {
  readonly errors: FieldErrors = {};

  fail(path: string, message: string): void {
    (this.errors[path] ??= []).push(message);
  }

  text(value: unknown, path: string, options: { max?: number; optional?: boolean } = {}): string | null {
    if ((value === undefined || value === null) && options.optional) return null;
    if (typeof value !== 'string' || value.trim() === '' || value.length > (options.max ?? 200)) {
      this.fail(path, `must be text of 1-${options.max ?? 200} characters`);
      return null;
    }
    return value.trim();
  }

  int(value: unknown, path: string, min: number, max: number, options: { optional?: boolean } = {}): number | null {
    if ((value === undefined || value === null) && options.optional) return null;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `must be a whole number from ${min} to ${max}`);
      return null;
    }
    return value;
  }

  bool(value: unknown, path: string, fallback?: boolean): boolean {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.fail(path, 'must be true or false');
      return fallback ?? false;
    }
    return value;
  }

  uuid(value: unknown, path: string, options: { optional?: boolean } = {}): string | null {
    if ((value === undefined || value === null) && options.optional) return null;
    if (!isUuid(value)) {
      this.fail(path, 'must be a UUID');
      return null;
    }
    return value.toLowerCase();
  }

  instant(value: unknown, path: string, options: { optional?: boolean } = {}): Date | null {
    if ((value === undefined || value === null) && options.optional) return null;
    const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) {
      this.fail(path, 'must be an ISO 8601 date-time, e.g. 2025-06-01T18:00:00Z');
      return null;
    }
    return date;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[], options: { optional?: boolean } = {}): T | null {
    if ((value === undefined || value === null) && options.optional) return null;
    if (!allowed.includes(value as T)) {
      this.fail(path, `must be one of ${allowed.join(', ')}`);
      return null;
    }
    return value as T;
  }

  array(value: unknown, path: string, min: number, max: number): unknown[] {
    if (!Array.isArray(value) || value.length < min || value.length > max) {
      this.fail(path, `must be a list of ${min}-${max} items`);
      return [];
    }
    return value;
  }

  object(value: unknown, path: string, options: { optional?: boolean } = {}): Record<string, unknown> {
    if ((value === undefined || value === null) && options.optional) return {};
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, 'must be an object');
      return {};
    }
    return value as Record<string, unknown>;
  }

  /** An ISO 4217 code, upper-cased; absent: `fallback` (the tenant's currency). */
  currency(value: unknown, path: string, fallback: string): string {
    const currency = value === undefined ? fallback : String(value).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) this.fail(path, 'must be an ISO 4217 code such as EUR');
    return currency;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}
