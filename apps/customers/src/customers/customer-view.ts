import type { CustomerView, EmailView, PhoneView } from '@app/contracts';
import { computeWarnings } from './contact-rules';

/** Plain row shapes the view is built from (entities satisfy them). */
export interface CustomerRow {
  id: string;
  kind: CustomerView['kind'];
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  gender: CustomerView['gender'];
  birthDate: string | null;
  country: string | null;
  city: string | null;
  source: string | null;
  utm: CustomerView['utm'];
  attributes: CustomerView['attributes'] | null;
  registeredAt: Date;
  firstSeenAt: Date | null;
  updatedAt: Date;
}
export interface EmailRow {
  address: string;
  status: EmailView['status'];
  isPrimary: boolean;
  createdAt: Date;
}
export interface PhoneRow {
  number: string;
  type: PhoneView['type'];
  status: PhoneView['status'];
  isPrimary: boolean;
  createdAt: Date;
}

/** Primary first, then oldest first. */
const byPrimaryThenAge = (a: { isPrimary: boolean; createdAt: Date }, b: { isPrimary: boolean; createdAt: Date }) =>
  Number(b.isPrimary) - Number(a.isPrimary) || a.createdAt.getTime() - b.createdAt.getTime();

export function toCustomerView(c: CustomerRow, emailRows: EmailRow[], phoneRows: PhoneRow[], tags: string[]): CustomerView {
  const emails: EmailView[] = [...emailRows].sort(byPrimaryThenAge).map((e) => ({ address: e.address, status: e.status, primary: e.isPrimary }));
  const phones: PhoneView[] = [...phoneRows]
    .sort(byPrimaryThenAge)
    .map((p) => ({ number: p.number, type: p.type, status: p.status, primary: p.isPrimary }));
  return {
    id: c.id,
    kind: c.kind,
    firstName: c.firstName,
    lastName: c.lastName,
    companyName: c.companyName,
    email: emails.find((e) => e.primary)?.address ?? null,
    phone: phones.find((p) => p.primary)?.number ?? null,
    emails,
    phones,
    gender: c.gender,
    birthDate: c.birthDate,
    country: c.country,
    city: c.city,
    source: c.source,
    utm: c.utm,
    attributes: c.attributes ?? {},
    tags: [...tags].sort((a, b) => a.localeCompare(b)),
    warnings: computeWarnings(emails, phones),
    firstSeenAt: c.firstSeenAt ? c.firstSeenAt.toISOString() : null,
    registeredAt: c.registeredAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Top-level fields whose value differs between two views of one customer (updatedAt aside). */
export function changedFields(before: CustomerView, after: CustomerView): string[] {
  return (Object.keys(after) as Array<keyof CustomerView>).filter(
    (key) => key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}
