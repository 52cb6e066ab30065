import type { PurchaseLineView, PurchaseListItem, PurchaseV1, PurchaseView } from '@app/contracts';
import type { PurchaseRow } from './purchases.repository';

export const toPurchaseListItem = (row: PurchaseRow): PurchaseListItem => ({
  id: row.id,
  customerId: row.customerId,
  kind: row.kind,
  number: row.number,
  storeId: row.storeId,
  storeName: row.storeName,
  occurredAt: row.occurredAt.toISOString(),
  status: row.status,
  counted: row.counted,
  currency: row.currency,
  deliveryCost: row.deliveryCost,
  total: row.total,
  itemCount: row.itemCount,
  brand: row.brand,
  season: row.season,
  year: row.year,
  createdAt: row.createdAt.toISOString(),
});

/** The receipt or order detail: its attributes and its lines. */
export const toPurchaseView = (row: PurchaseRow, lines: PurchaseLineView[]): PurchaseView => ({
  ...toPurchaseListItem(row),
  attributes: row.attributes,
  lines,
});

export const toPurchaseEvent = (p: PurchaseView): PurchaseV1 => ({
  id: p.id,
  customerId: p.customerId,
  kind: p.kind,
  number: p.number,
  storeId: p.storeId,
  storeName: p.storeName,
  occurredAt: p.occurredAt,
  status: p.status,
  currency: p.currency,
  total: p.total,
  itemCount: p.itemCount,
  brand: p.brand,
  season: p.season,
  year: p.year,
  lines: p.lines.map((l) => ({ sku: l.sku, name: l.name, category: l.category, quantity: l.quantity, price: l.price })),
  deliveryCost: p.deliveryCost,
  counted: p.counted,
});
