import { invalid, type FieldErrors } from '@app/contracts';
import { isIsoDate } from '@app/common';

export type InputMode = 'create' | 'update';

interface FieldOptions {
  /** create: must be given; update: may be left out but not cleared with null. */
  required?: boolean;
}
interface TextOptions extends FieldOptions {
  max: number;
  pattern?: RegExp;
  patternMessage?: string;
}
interface IntOptions extends FieldOptions {
  min: number;
  max: number;
}

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Reads the fields of a B2B item's input and collects every problem per field, so one answer
 * names them all. On create an absent optional field is null; on update an absent field is
 * `undefined` (unchanged) and null clears an optional one. Text is trimmed; blank text counts as
 * absent for optional fields and as missing for required ones. Unknown fields are refused (the
 * gateway refuses them first; this guards callers that talk NATS directly).
 */
export class InputReader {
  readonly errors: FieldErrors = {};

  constructor(
    private readonly input: Record<string, unknown>,
    private readonly mode: InputMode,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(input)) {
      if (!allowed.includes(key)) this.fail(key, `${key} is not allowed`);
    }
  }

  /** Throws a 400 validation_failed naming every field with a problem. */
  done(): void {
    if (Object.keys(this.errors).length) throw invalid(this.errors);
  }

  get hasErrors(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  fail(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  text(field: string, options: TextOptions): string | null | undefined {
    const raw = this.raw(field, options);
    if (raw === undefined || raw === null) return raw;
    if (typeof raw !== 'string') return this.invalid(field, `${field} must be text`);
    const value = raw.trim();
    if (value === '') return this.missing(field, options);
    if (value.length > options.max) return this.invalid(field, `${field} must be at most ${options.max} characters`);
    if (CONTROL_CHARACTERS.test(value)) return this.invalid(field, `${field} must not contain control characters`);
    if (options.pattern && !options.pattern.test(value)) return this.invalid(field, options.patternMessage ?? `${field} has an invalid format`);
    return value;
  }

  int(field: string, options: IntOptions): number | null | undefined {
    const raw = this.raw(field, options);
    if (raw === undefined || raw === null) return raw;
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < options.min || raw > options.max) {
      return this.invalid(field, `${field} must be a whole number from ${options.min} to ${options.max}`);
    }
    return raw;
  }

  oneOf<T extends string>(field: string, values: readonly T[], options: FieldOptions = {}): T | null | undefined {
    const raw = this.raw(field, options);
    if (raw === undefined || raw === null) return raw;
    if (!values.includes(raw as T)) return this.invalid(field, `${field} must be one of ${values.join(', ')}`);
    return raw as T;
  }

  bool(field: string, options: FieldOptions = {}): boolean | null | undefined {
    const raw = this.raw(field, options);
    if (raw === undefined || raw === null) return raw;
    if (typeof raw !== 'boolean') return this.invalid(field, `${field} must be true or false`);
    return raw;
  }

  /** A calendar date YYYY-MM-DD. */
  date(field: string, options: FieldOptions = {}): string | null | undefined {
    const raw = this.raw(field, options);
    if (raw === undefined || raw === null) return raw;
    if (!isIsoDate(raw)) return this.invalid(field, `${field} must be a date YYYY-MM-DD`);
    return raw;
  }

  /** An ISO 8601 date-time with a time zone (Z or an offset), returned as a UTC ISO string. */
  timestamp(field: string, options: FieldOptions = {}): string | null | undefined {
    const raw = this.raw(field, options);
    if (raw === undefined || raw === null) return raw;
    if (typeof raw !== 'string' || !ISO_TIMESTAMP.test(raw) || Number.isNaN(Date.parse(raw))) {
      return this.invalid(field, `${field} must be an ISO 8601 date-time with a time zone, e.g. 2025-03-01T09:30:00Z`);
    }
    const at = new Date(raw);
    if (at.getUTCFullYear() < 1900 || at.getUTCFullYear() > 2999) return this.invalid(field, `${field} must be between the years 1900 and 2999`);
    return at.toISOString();
  }

  /** The raw value; absent on create is null, or a "required" error. */
  private raw(field: string, options: FieldOptions): unknown {
    const value = this.input[field];
    if (value === undefined) {
      if (this.mode === 'create') return options.required ? this.missing(field, options) : null;
      return undefined;
    }
    if (value === null && options.required) return this.missing(field, options);
    return value;
  }

  private missing(field: string, options: FieldOptions): null | undefined {
    if (options.required) {
      this.fail(field, `${field} is required`);
      return undefined;
    }
    return null;
  }

  private invalid(field: string, message: string): undefined {
    this.fail(field, message);
    return undefined;
  }
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Season (e.g. "spring", "FW") and year, as notes and appointments carry them. */
export const SEASON = { max: 32 };
export const YEAR = { min: 1900, max: 2999 };

/**
 * The names of the fields whose values differ between two views of an item (deep for plain
 * objects and arrays), ignoring bookkeeping fields such as updatedAt.
 */
export function changedFields<T extends object>(before: T, after: T, ignore: readonly string[] = ['updatedAt', 'updatedBy']): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => !ignore.includes(k))
    .filter((k) => JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((after as Record<string, unknown>)[k]))
    .sort();
}

export type FilterSpec =
  | { kind: 'text'; max: number }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'oneOf'; values: readonly string[] }
  | { kind: 'bool' };

/**
 * The filters of a list query (`limit` and `cursor` are the page's). Values may arrive as
 * query-string text ("2025", "true"); an empty value means no filter; unknown names are a 400.
 */
export function readFilters<K extends string>(query: Record<string, unknown>, spec: Record<K, FilterSpec>): Partial<Record<K, string | number | boolean>> {
  const errors: FieldErrors = {};
  const result: Partial<Record<K, string | number | boolean>> = {};
  for (const [key, raw] of Object.entries(query)) {
    if (key === 'limit' || key === 'cursor') continue;
    const filter = (spec as Record<string, FilterSpec>)[key];
    if (!filter) {
      errors[key] = [`${key} is not a filter of this list`];
      continue;
    }
    if (raw === undefined || raw === null || raw === '') continue;
    const text = typeof raw === 'string' ? raw.trim() : raw;
    switch (filter.kind) {
      case 'text':
        if (typeof text !== 'string' || text.length > filter.max) errors[key] = [`${key} must be text of at most ${filter.max} characters`];
        else result[key as K] = text;
        break;
      case 'int': {
        const n = typeof text === 'string' && /^-?\d+$/.test(text) ? Number(text) : text;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < filter.min || n > filter.max) errors[key] = [`${key} must be a whole number from ${filter.min} to ${filter.max}`];
        else result[key as K] = n;
        break;
      }
      case 'oneOf':
        if (typeof text !== 'string' || !filter.values.includes(text)) errors[key] = [`${key} must be one of ${filter.values.join(', ')}`];
        else result[key as K] = text;
        break;
      case 'bool':
        if (text === true || text === 'true') result[key as K] = true;
        else if (text === false || text === 'false') result[key as K] = false;
        else errors[key] = [`${key} must be true or false`];
        break;
    }
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return result;
}
