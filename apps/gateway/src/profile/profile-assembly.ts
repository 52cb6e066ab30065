import { DomainError, type ServiceName } from '@app/contracts';

/** What one service answered for the profile: its part, or why it could not. */
export type ServicePart = { ok: true; value: { summary?: Record<string, any>; tabs: Record<string, unknown>; [more: string]: unknown } } | { ok: false; error: unknown };

export type Section = { status: 'ok'; data: unknown; link: string } | { status: 'unavailable'; reason: { code: string; message: string }; link: string };

/** Each section of the profile: the service it comes from and the path of its own endpoint. */
export const SECTIONS: Record<string, { service: ServiceName; path: string; from: 'tab' | 'part' }> = {
  customer: { service: 'customers', path: '', from: 'part' },
  attributes: { service: 'customers', path: '', from: 'part' },
  latestDetails: { service: 'customers', path: '/latest-details', from: 'part' },
  knownCustomers: { service: 'customers', path: '/known-customers', from: 'tab' },
  consents: { service: 'customers', path: '/consents', from: 'tab' },
  notes: { service: 'customers', path: '/notes', from: 'tab' },
  tasks: { service: 'customers', path: '/tasks', from: 'tab' },
  appointments: { service: 'customers', path: '/appointments', from: 'tab' },
  locations: { service: 'customers', path: '/locations', from: 'tab' },
  contacts: { service: 'customers', path: '/contacts', from: 'tab' },
  brands: { service: 'customers', path: '/brands', from: 'tab' },
  attachments: { service: 'customers', path: '/attachments', from: 'tab' },
  history: { service: 'customers', path: '/history', from: 'tab' },
  bookingSummary: { service: 'bookings', path: '/booking-summary', from: 'part' },
  bookings: { service: 'bookings', path: '/bookings', from: 'tab' },
  passes: { service: 'bookings', path: '/passes', from: 'tab' },
  groups: { service: 'bookings', path: '/groups', from: 'tab' },
  vouchers: { service: 'bookings', path: '/vouchers', from: 'tab' },
  loyaltySummary: { service: 'loyalty', path: '/loyalty-summary', from: 'part' },
  loyaltyCard: { service: 'loyalty', path: '/loyalty-card', from: 'tab' },
  loyaltyLedger: { service: 'loyalty', path: '/loyalty-ledger', from: 'tab' },
  receipts: { service: 'loyalty', path: '/receipts', from: 'tab' },
  orders: { service: 'loyalty', path: '/orders', from: 'tab' },
  salesSummary: { service: 'loyalty', path: '/sales-summary', from: 'tab' },
  stores: { service: 'loyalty', path: '/stores', from: 'tab' },
  feedback: { service: 'loyalty', path: '/feedback', from: 'tab' },
  marketingSummary: { service: 'marketing', path: '/segments', from: 'part' },
  segments: { service: 'marketing', path: '/segments', from: 'tab' },
  subscriptions: { service: 'marketing', path: '/subscriptions', from: 'tab' },
  mailings: { service: 'marketing', path: '/mailings', from: 'tab' },
  pushMessages: { service: 'marketing', path: '/push-messages', from: 'tab' },
  promoCodes: { service: 'marketing', path: '/promo-codes', from: 'tab' },
  polls: { service: 'marketing', path: '/polls', from: 'tab' },
  interests: { service: 'marketing', path: '/interests', from: 'tab' },
  abandonedCart: { service: 'marketing', path: '/abandoned-cart', from: 'tab' },
  webActivity: { service: 'marketing', path: '/web-activity', from: 'tab' },
};

/** Where each section's data sits in its service's part (parts hold `summary` and `tabs`). */
const PART_FIELDS: Record<string, string> = {
  customer: 'customer',
  attributes: 'attributes',
  latestDetails: 'latestDetails',
  bookingSummary: 'summary',
  loyaltySummary: 'summary',
  marketingSummary: 'summary',
};

function reasonOf(error: unknown): { code: string; message: string } {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'service_unavailable', message: String((error as Error)?.message ?? error) };
}

const pick = <T extends object>(source: T | null | undefined, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, source ? ((source as Record<string, unknown>)[k] ?? null) : null]));

const BOOKING_FIGURES = ['totalEventsBooked', 'totalEventsUpcoming', 'nextUpcomingAttendance', 'lastAttendance', 'latestBooking', 'activePasses'];
const LOYALTY_FIGURES = [
  'visitsSold',
  'visitsAvailable',
  'visitsRedeemed',
  'totalVisits',
  'lastVisitAddedAt',
  'lastVisitRefundedAt',
  'bonusBalance',
  'bonusPendingActivation',
  'bonusPendingDeactivation',
  'nextDeactivationAt',
  'nextDeactivationAmount',
  'ltv',
  'currency',
  'purchaseCount',
  'purchaseTotal',
  'averagePurchase',
  'averageItems',
  'lastPurchaseTotal',
  'firstPurchaseAt',
  'lastPurchaseAt',
  'daysSinceFirstPurchase',
  'daysSinceLastPurchase',
  'rfmSegment',
  'rfmScore',
  'averageRating',
  'feedbackCount',
];

/**
 * The aggregated profile (P1) from the four services' parts: a summary with the figures under
 * their API.md names (null for a service that did not answer, which `unavailable` lists), and
 * every section with its status, its data or why it is missing, and the link to its own endpoint.
 */
export function assembleProfile(customerId: string, parts: Record<ServiceName, ServicePart>) {
  const base = `/v1/customers/${customerId}`;
  const value = (service: ServiceName) => {
    const part = parts[service];
    return part.ok ? part.value : null;
  };
  const sections: Record<string, Section> = {};
  for (const [name, { service, path, from }] of Object.entries(SECTIONS)) {
    const part = parts[service];
    const link = base + path;
    if (!part.ok) {
      sections[name] = { status: 'unavailable', reason: reasonOf(part.error), link };
      continue;
    }
    const data = from === 'tab' ? part.value.tabs[name] : part.value[PART_FIELDS[name]];
    if (data === undefined) continue; // not for this caller (a portal token sees no staff sections)
    sections[name] = { status: 'ok', data, link };
  }

  const customers = value('customers') as { customer?: Record<string, any>; attributes?: unknown; knownCustomersCount?: number } | null;
  const customer = customers?.customer ?? null;
  const bookingSummary = value('bookings')?.summary ?? null;
  const loyaltySummary = value('loyalty')?.summary ?? null;
  const marketingSummary = value('marketing')?.summary ?? null;
  const groupsPage = value('bookings')?.tabs.groups as { items: Array<{ group: { id: string; name: string; kind: string }; memberUntil: string | null }> } | undefined;
  const summary = {
    customerId,
    ...pick(customer, ['kind', 'firstName', 'lastName', 'companyName', 'email', 'phone', 'emails', 'phones', 'warnings', 'tags', 'registeredAt', 'firstSeenAt']),
    attributes: customers?.attributes ?? null,
    knownCustomers: customers?.knownCustomersCount ?? null,
    ...pick(bookingSummary, BOOKING_FIGURES),
    card: loyaltySummary?.card ?? null,
    ...pick(loyaltySummary, LOYALTY_FIGURES),
    segments: marketingSummary?.segments ?? null,
    groups: groupsPage ? groupsPage.items.map((m) => ({ ...m.group, memberUntil: m.memberUntil })) : null,
    unavailable: (Object.keys(parts) as ServiceName[]).filter((s) => !parts[s].ok),
  };
  return { summary, sections };
}
