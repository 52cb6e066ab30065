import { invalid, type PurchaseKind, type PurchaseLineInput, type PurchaseStatus } from '@app/contracts';
import { InputReader, MAX_AMOUNT } from '../shared/input-reader';
import { statusesOf } from './purchase-rules';

export const MAX_LINES = 500;
const MAX_ATTRIBUTES = 50;
/** Clocks of tills differ a little; a purchase further in the future than this is refused. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export type PurchaseAttributes = Record<string, string | number | boolean | null>;

export interface RecordPurchaseCommand {
  customerId: string;
  kind: PurchaseKind;
  number: string;
  storeId: string | null;
  storeName: string | null;
  occurredAt: Date;
  status: PurchaseStatus;
  currency: string | null;
  brand: string | null;
  season: string | null;
  year: number | null;
  deliveryCost: number;
  attributes: PurchaseAttributes;
  lines: PurchaseLineInput[];
}

/**
 * Validates a receipt or an order (L6): its status must be one of its kind's, at least one line
 * (sku, name, optional category, whole quantity ≥ 1, unit price ≥ 0 in minor units), amounts
 * within a thousand billion, not in the future.
 */
export function readRecordPurchase(input: Record<string, unknown>, now: Date): RecordPurchaseCommand {
  const r = new InputReader(input);
  r.allowOnly(['customerId', 'kind', 'number', 'storeId', 'storeName', 'occurredAt', 'status', 'currency', 'brand', 'season', 'year', 'deliveryCost', 'attributes', 'lines']);
  const customerId = r.uuid('customerId', { required: true });
  const kind = r.oneOf('kind', ['receipt', 'order'] as const, { required: true });
  const number = r.text('number', { required: true, max: 64 });
  const storeId = r.text('storeId', { max: 64 }) ?? null;
  const storeName = r.text('storeName', { max: 200 }) ?? null;
  const occurredAt = r.timestamp('occurredAt', { required: true });
  if (occurredAt && occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) r.fail('occurredAt', 'must not be in the future');
  const status = r.oneOf('status', kind ? statusesOf(kind) : [...statusesOf('receipt'), ...statusesOf('order')], { required: true });
  const currency = r.currency() ?? null;
  const brand = r.text('brand', { max: 100 }) ?? null;
  const season = r.text('season', { max: 100 }) ?? null;
  const year = r.int('year', { min: 1900, max: 2200 }) ?? null;
  const deliveryCost = r.int('deliveryCost', { min: 0, max: MAX_AMOUNT }) ?? 0;
  const attributes = readAttributes(r, input.attributes);
  const lines = readLines(r, input.lines);
  if (lines && r.ok) {
    const total = lines.reduce((sum, l) => sum + l.quantity * l.price, deliveryCost);
    if (total > MAX_AMOUNT) r.fail('lines', `the total must be at most ${MAX_AMOUNT}`);
  }
  r.done();
  if (!customerId || !kind || !number || !occurredAt || !status || !lines) throw invalid(r.errors);
  return { customerId, kind, number, storeId, storeName, occurredAt, status, currency, brand, season, year, deliveryCost, attributes, lines };
}

function readAttributes(r: InputReader, value: unknown): PurchaseAttributes {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return r.fail('attributes', 'must be an object'), {};
  const entries = Object.entries(value);
  if (entries.length > MAX_ATTRIBUTES) return r.fail('attributes', `must have at most ${MAX_ATTRIBUTES} keys`), {};
  const attributes: PurchaseAttributes = {};
  for (const [key, v] of entries) {
    const okKey = /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key);
    const okValue = v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 500);
    if (!okKey || !okValue) r.fail(`attributes.${key}`, 'keys are letters, digits and _; values text (up to 500), number, true/false or null');
    else attributes[key] = v as string | number | boolean | null;
  }
  return attributes;
}

function readLines(r: InputReader, value: unknown): PurchaseLineInput[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return r.fail('lines', 'must be a list of at least one line'), undefined;
  if (value.length > MAX_LINES) return r.fail('lines', `must have at most ${MAX_LINES} lines`), undefined;
  const lines: PurchaseLineInput[] = [];
  value.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return r.fail(`lines.${i}`, 'must be an object');
    const l = new InputReader(raw as Record<string, unknown>, `lines.${i}.`);
    l.allowOnly(['sku', 'name', 'category', 'quantity', 'price']);
    const sku = l.text('sku', { required: true, max: 64 });
    const name = l.text('name', { required: true, max: 200 });
    const category = l.text('category', { max: 200 }) ?? undefined;
    const quantity = l.int('quantity', { required: true, min: 1, max: 100_000 });
    const price = l.int('price', { required: true, min: 0, max: MAX_AMOUNT });
    r.merge(l.errors);
    if (l.ok) lines.push({ sku: sku!, name: name!, ...(category ? { category } : {}), quantity: quantity!, price: price! });
  });
  return r.ok ? lines : undefined;
}

/** A status change of a purchase: one of its kind's statuses (checked against the kind by the service). */
export function readUpdatePurchase(input: Record<string, unknown>): { status: PurchaseStatus } {
  const r = new InputReader(input);
  r.allowOnly(['status']);
  const status = r.oneOf('status', [...statusesOf('receipt'), ...statusesOf('order')], { required: true });
  r.done();
  return { status: status! };
}
