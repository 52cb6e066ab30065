import type { PageQuery } from './common';

export type CustomerKind = 'person' | 'company';
export type ContactStatus = 'valid' | 'invalid' | 'unverified' | 'bounced';
export const CONTACT_STATUSES: readonly ContactStatus[] = ['valid', 'invalid', 'unverified', 'bounced'];
export type PhoneType = 'mobile' | 'landline' | 'unknown';
export type Gender = 'female' | 'male' | 'other' | 'unknown';
export const GENDERS: readonly Gender[] = ['female', 'male', 'other', 'unknown'];

export interface EmailView {
  address: string;
  status: ContactStatus;
  primary: boolean;
}
export interface PhoneView {
  number: string;
  type: PhoneType;
  status: ContactStatus;
  primary: boolean;
}

/** Warning flags the profile shows for missing or unusable contact data (C2). */
export type CustomerWarning =
  | 'missing_email'
  | 'invalid_email'
  | 'missing_phone'
  | 'invalid_phone'
  | 'no_mobile_phone';

export interface Utm {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}

export type AttributeValue = string | number | boolean | null;

export interface CustomerView {
  id: string;
  kind: CustomerKind;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  emails: EmailView[];
  phones: PhoneView[];
  gender: Gender | null;
  birthDate: string | null;
  country: string | null;
  city: string | null;
  source: string | null;
  utm: Utm | null;
  attributes: Record<string, AttributeValue>;
  tags: string[];
  warnings: CustomerWarning[];
  firstSeenAt: string | null;
  registeredAt: string;
  updatedAt: string;
}

/**
 * What other services receive about a customer in events: the view plus the current status of
 * each consent key (C7), which segments and sends need.
 */
export interface CustomerSnapshot extends CustomerView {
  consents: Record<string, ConsentStatus>;
}

export interface CreateCustomerInput {
  kind?: CustomerKind;
  firstName?: string;
  lastName?: string;
  companyName?: string;
  email?: string;
  otherEmails?: string[];
  phone?: string;
  otherPhones?: string[];
  gender?: Gender;
  birthDate?: string;
  country?: string;
  city?: string;
  attributes?: Record<string, AttributeValue>;
  source?: string;
  utm?: Utm;
  tags?: string[];
}

export type UpdateCustomerInput = Partial<CreateCustomerInput>;

export type CustomerSort = 'name' | '-name' | 'registeredAt' | '-registeredAt' | 'firstSeenAt' | '-firstSeenAt';
export const CUSTOMER_SORTS: readonly CustomerSort[] = ['name', '-name', 'registeredAt', '-registeredAt', 'firstSeenAt', '-firstSeenAt'];

export interface ListCustomersQuery extends PageQuery {
  q?: string;
  tag?: string;
  /** Members of a customer group (bookings). */
  groupId?: string;
  segmentId?: string;
  /** true: customers with a confirmed booking of an entry that has not started; false: without. */
  hasUpcomingBooking?: boolean | 'true' | 'false';
  firstSeenFrom?: string;
  firstSeenTo?: string;
  sort?: CustomerSort;
}

export type AttributeType = 'string' | 'number' | 'date' | 'boolean' | 'enum';
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'number', 'date', 'boolean', 'enum'];

export interface AttributeDefinitionView {
  key: string;
  label: string;
  type: AttributeType;
  options: string[] | null;
  required: boolean;
  order: number;
  showInProfile: boolean;
}
export type CreateAttributeInput = Omit<AttributeDefinitionView, 'options' | 'order' | 'required' | 'showInProfile'> &
  Partial<Pick<AttributeDefinitionView, 'options' | 'order' | 'required' | 'showInProfile'>>;

export type ConsentStatus = 'given' | 'revoked' | 'not_captured';
export const CONSENT_STATUSES: readonly ConsentStatus[] = ['given', 'revoked', 'not_captured'];

export interface ConsentChange {
  status: ConsentStatus;
  at: string;
  source: string;
}
export interface ConsentView {
  key: string;
  status: ConsentStatus;
  updatedAt: string;
  source: string;
  history: ConsentChange[];
}
export interface SetConsentInput {
  key: string;
  status: ConsentStatus;
  source?: string;
}

/** The details of the customer's most recent booking (C5), with the booking they came from. */
export interface LatestDetailsView {
  bookingId: string;
  bookedAt: string;
  scheduleEntry: { id: string; title: string; startsAt: string };
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Every booking-form answer of that booking. */
  fields: Record<string, string | number | boolean | null>;
}

/** Someone a lead booker booked for (C6), with a link to their own profile. */
export interface KnownCustomerView {
  customerId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  firstBookedAt: string;
  lastBookedAt: string;
  bookings: number;
  profile: string;
}
