import {
  ATTRIBUTE_TYPES,
  type AttributeDefinitionView,
  type AttributeType,
  type AttributeValue,
  type FieldErrors,
} from '@app/contracts';
import { isIsoDate } from '@app/common';

/** Custom attribute rules (C4) as pure functions. */

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const STRING_VALUE_MAX = 2000;

export type NewAttributeDefinition = Omit<AttributeDefinitionView, 'order'> & { order: number | null };

function add(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

/** Checks and normalises a new definition; `order: null` means "after the existing ones". */
export function validateAttributeDefinition(input: Record<string, unknown>): { value: NewAttributeDefinition; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const key = typeof input.key === 'string' ? input.key.trim() : '';
  if (!KEY.test(key)) add(errors, 'key', 'must start with a letter and have at most 64 letters, digits or _');
  const label = typeof input.label === 'string' ? input.label.trim() : '';
  if (label.length < 1 || label.length > 200) add(errors, 'label', 'must be 1-200 characters');
  const type = input.type as AttributeType;
  if (!ATTRIBUTE_TYPES.includes(type)) add(errors, 'type', `must be one of ${ATTRIBUTE_TYPES.join(', ')}`);

  let options: string[] | null = null;
  if (type === 'enum') {
    const raw = input.options;
    if (!Array.isArray(raw) || raw.length === 0 || raw.some((o) => typeof o !== 'string' || o.trim() === '' || o.length > 200)) {
      add(errors, 'options', 'an enum needs a list of non-empty options');
    } else {
      options = raw.map((o: string) => o.trim());
      if (new Set(options).size !== options.length) add(errors, 'options', 'must not repeat an option');
    }
  } else if (input.options !== undefined && input.options !== null) {
    add(errors, 'options', 'only an enum has options');
  }

  const order = input.order;
  if (order !== undefined && order !== null && (!Number.isInteger(order) || (order as number) < 0 || (order as number) > 1_000_000)) {
    add(errors, 'order', 'must be a whole number from 0');
  }
  for (const flag of ['required', 'showInProfile'] as const) {
    if (input[flag] !== undefined && typeof input[flag] !== 'boolean') add(errors, flag, 'must be true or false');
  }
  return {
    value: {
      key,
      label,
      type,
      options,
      required: input.required === true,
      showInProfile: input.showInProfile !== false,
      order: typeof order === 'number' ? order : null,
    },
    errors,
  };
}

/** Why `value` does not fit `definition`, or null when it does. */
export function attributeValueProblem(definition: AttributeDefinitionView, value: unknown): string | null {
  switch (definition.type) {
    case 'string':
      return typeof value === 'string' && value.length <= STRING_VALUE_MAX ? null : `must be text of at most ${STRING_VALUE_MAX} characters`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return isIsoDate(value) ? null : 'must be a date YYYY-MM-DD';
    case 'enum':
      return typeof value === 'string' && (definition.options ?? []).includes(value)
        ? null
        : `must be one of ${(definition.options ?? []).join(', ')}`;
    default:
      return 'has an unknown type';
  }
}

/**
 * Validates attribute values against the tenant's definitions. Errors are keyed
 * `attributes.<key>`. On create every required attribute must have a value; on update only
 * the given keys are checked (null clears a value, except a required one). Returns the values
 * the customer has afterwards.
 */
export function validateAttributeValues(
  definitions: AttributeDefinitionView[],
  given: Record<string, unknown>,
  mode: 'create' | 'update',
  existing: Record<string, AttributeValue> = {},
): { values: Record<string, AttributeValue>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const values: Record<string, AttributeValue> = mode === 'update' ? { ...existing } : {};

  for (const [key, value] of Object.entries(given)) {
    const definition = byKey.get(key);
    const field = `attributes.${key}`;
    if (!definition) {
      add(errors, field, 'is not a defined attribute');
      continue;
    }
    if (value === null || value === undefined) {
      if (definition.required) add(errors, field, 'is required');
      delete values[key];
      continue;
    }
    const problem = attributeValueProblem(definition, value);
    if (problem) add(errors, field, problem);
    else values[key] = value as AttributeValue;
  }

  if (mode === 'create') {
    for (const d of definitions) {
      if (d.required && (values[d.key] === undefined || values[d.key] === null) && !errors[`attributes.${d.key}`]) {
        add(errors, `attributes.${d.key}`, 'is required');
      }
    }
  }
  return { values, errors };
}
