import { TRACK_EVENT_TYPES, type FieldErrors, type TrackEventType } from '@app/contracts';

/**
 * Checks one web activity event (M6) as sent to POST /track. A batch is checked event by
 * event: the good ones are stored, the bad ones reported by index.
 */
export interface TrackedProduct {
  sku: string;
  name: string | null;
  price: number | null;
  currency: string | null;
  quantity: number;
  category: string | null;
}

export interface TrackedEvent {
  customerId: string | null;
  email: string | null;
  type: TrackEventType;
  at: Date;
  url: string | null;
  /** The category the event is about: given, or the product's. */
  category: string | null;
  product: TrackedProduct | null;
  eventId: string | null;
}

export const TRACK_LIMITS = { batch: 1000, text: 500, url: 2000, futureMs: 5 * 60 * 1000, pastDays: 366 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const CURRENCY = /^[A-Z]{3}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const EVENT_FIELDS = ['customerId', 'email', 'type', 'at', 'url', 'category', 'product', 'eventId'];
const PRODUCT_FIELDS = ['sku', 'name', 'price', 'currency', 'quantity', 'category'];

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown, max = TRACK_LIMITS.text): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

export function parseTrackEvent(raw: unknown, now: Date = new Date()): { event: TrackedEvent | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] = [...(errors[field] ?? []), message]);
  if (!isObject(raw)) return { event: null, errors: { event: ['must be an object'] } };
  for (const key of Object.keys(raw)) if (!EVENT_FIELDS.includes(key)) add(key, `${key} is not allowed`);

  const hasId = raw.customerId !== undefined && raw.customerId !== null;
  const hasEmail = raw.email !== undefined && raw.email !== null;
  if (hasId === hasEmail) add('customerId', 'give either customerId or email');
  if (hasId && (typeof raw.customerId !== 'string' || !UUID.test(raw.customerId))) add('customerId', 'must be a UUID');
  if (hasEmail && (typeof raw.email !== 'string' || raw.email.length > 254 || !EMAIL.test(raw.email.trim()))) add('email', 'must be an email');

  const type = raw.type as TrackEventType;
  if (!TRACK_EVENT_TYPES.includes(type)) add('type', `must be one of ${TRACK_EVENT_TYPES.join(', ')}`);

  let at = now;
  if (raw.at !== undefined) {
    const ms = typeof raw.at === 'string' && ISO_DATE_TIME.test(raw.at) ? Date.parse(raw.at) : NaN;
    if (Number.isNaN(ms)) add('at', 'must be an ISO date-time with a time zone');
    else if (ms > now.getTime() + TRACK_LIMITS.futureMs) add('at', 'must not be in the future');
    else if (ms < now.getTime() - TRACK_LIMITS.pastDays * 24 * 3600 * 1000) add('at', `must be within the last ${TRACK_LIMITS.pastDays} days`);
    else at = new Date(ms);
  }
  if (raw.url !== undefined && !text(raw.url, TRACK_LIMITS.url)) add('url', `must be a text of at most ${TRACK_LIMITS.url} characters`);
  if (raw.category !== undefined && !text(raw.category)) add('category', 'must be a text of 1-500 characters');
  if (raw.eventId !== undefined && (!text(raw.eventId, 200) || /\s/.test(raw.eventId))) add('eventId', 'must be 1-200 characters without spaces');

  let product: TrackedProduct | null = null;
  if (raw.product !== undefined) {
    const p = raw.product;
    if (!isObject(p)) add('product', 'must be an object');
    else {
      for (const key of Object.keys(p)) if (!PRODUCT_FIELDS.includes(key)) add(`product.${key}`, `product.${key} is not allowed`);
      if (!text(p.sku, 100)) add('product.sku', 'must be a text of 1-100 characters');
      if (p.name !== undefined && !text(p.name)) add('product.name', 'must be a text of 1-500 characters');
      if (p.price !== undefined && !(Number.isInteger(p.price) && (p.price as number) >= 0)) add('product.price', 'must be a whole number of minor units, 0 or more');
      if (p.currency !== undefined && !(typeof p.currency === 'string' && CURRENCY.test(p.currency))) add('product.currency', 'must be an ISO 4217 code such as EUR');
      if (p.quantity !== undefined && !(Number.isInteger(p.quantity) && (p.quantity as number) >= 1 && (p.quantity as number) <= 10_000)) {
        add('product.quantity', 'must be a whole number from 1 to 10000');
      }
      if (p.category !== undefined && !text(p.category)) add('product.category', 'must be a text of 1-500 characters');
      product = {
        sku: typeof p.sku === 'string' ? p.sku.trim() : '',
        name: typeof p.name === 'string' ? p.name.trim() : null,
        price: typeof p.price === 'number' ? p.price : null,
        currency: typeof p.currency === 'string' ? p.currency : null,
        quantity: typeof p.quantity === 'number' ? p.quantity : 1,
        category: typeof p.category === 'string' ? p.category.trim() : null,
      };
    }
  }

  // What each type needs.
  const category = typeof raw.category === 'string' ? raw.category.trim() : (product?.category ?? null);
  if (type === 'category_view' && raw.category === undefined) add('category', 'a category_view needs the category');
  if ((type === 'product_view' || type === 'cart_add' || type === 'cart_remove') && raw.product === undefined) add('product', `a ${type} needs the product`);
  if (type === 'cart_add' && isObject(raw.product) && raw.product.name === undefined) add('product.name', 'a cart_add needs the product name');
  if (type === 'page_view' && raw.url === undefined) add('url', 'a page_view needs the url');

  if (Object.keys(errors).length) return { event: null, errors };
  return {
    event: {
      customerId: hasId ? (raw.customerId as string).toLowerCase() : null,
      email: hasEmail ? (raw.email as string).trim().toLowerCase() : null,
      type,
      at,
      url: typeof raw.url === 'string' ? raw.url : null,
      category,
      product,
      eventId: typeof raw.eventId === 'string' ? raw.eventId : null,
    },
    errors,
  };
}

/** Views that make an interest (M7): a category page, or a product of a category. */
export const isInterestView = (e: { type: string; category: string | null }) => (e.type === 'category_view' || e.type === 'product_view') && !!e.category;

export interface CartEvent {
  customerId: string;
  type: 'cart_add' | 'cart_remove';
  at: Date;
  /** Position in the batch: breaks ties between events of the same instant. */
  order: number;
  product: TrackedProduct;
}
export interface CartAddition {
  customerId: string;
  sku: string;
  name: string;
  price: number | null;
  currency: string | null;
  quantity: number;
  addedAt: Date;
}

/**
 * What a batch of cart events does to the abandoned cart (M8), in time order per product:
 * products with a removal leave the cart first; the additions after a product's last removal
 * (or all of them, without one) then add to its quantity, with the latest name and price.
 */
export function cartChanges(events: CartEvent[]): { removed: Array<{ customerId: string; sku: string }>; added: CartAddition[] } {
  const byProduct = new Map<string, CartEvent[]>();
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order)) {
    const key = `${e.customerId} ${e.product.sku}`;
    byProduct.set(key, [...(byProduct.get(key) ?? []), e]);
  }
  const removed: Array<{ customerId: string; sku: string }> = [];
  const added: CartAddition[] = [];
  for (const list of byProduct.values()) {
    const lastRemoval = list.map((e) => e.type).lastIndexOf('cart_remove');
    if (lastRemoval >= 0) removed.push({ customerId: list[0].customerId, sku: list[0].product.sku });
    const adds = list.slice(lastRemoval + 1);
    if (adds.length === 0) continue;
    const last = adds[adds.length - 1];
    added.push({
      customerId: last.customerId,
      sku: last.product.sku,
      name: last.product.name ?? last.product.sku,
      price: last.product.price,
      currency: last.product.currency,
      quantity: adds.reduce((sum, e) => sum + e.product.quantity, 0),
      addedAt: last.at,
    });
  }
  return { removed, added };
}
