import type { Actor, PageQuery } from './common';
import type { ConsentStatus, ContactStatus, PhoneType } from './customers';

/**
 * B2B account sections of the customers service (C9-C15): notes, tasks, appointments,
 * locations, contacts, attachments, brands and commission. Every message also carries
 * `{ tenantId, actor }` (Rpc<T>); `id` is always the customer id, `itemId` the item's.
 */
export const CustomersB2BPatterns = {
  /** {} → NoteTypeView[] (in display order) */
  listNoteTypes: 'customers.noteType.list',
  /** { input: CreateNoteTypeInput } → NoteTypeView; 409 note_type_exists */
  createNoteType: 'customers.noteType.create',
  /** { key } → { key, deleted: true }; 409 note_type_in_use while notes have it */
  deleteNoteType: 'customers.noteType.delete',

  /** { id, input: CreateNoteInput, idempotencyKey? } → NoteView */
  createNote: 'customers.note.create',
  /** { id, itemId, input: UpdateNoteInput } → NoteView; 403 not_note_author for another staff member's note */
  updateNote: 'customers.note.update',
  /** { id, itemId } → { id, deleted: true } */
  deleteNote: 'customers.note.delete',
  /** { id, query: ListNotesQuery } → Page<NoteView>, newest first */
  listNotes: 'customers.note.list',

  /** { id, input: CreateTaskInput, idempotencyKey? } → TaskView */
  createTask: 'customers.task.create',
  /** { id, itemId, input: UpdateTaskInput } → TaskView */
  updateTask: 'customers.task.update',
  /** { id, itemId } → { id, deleted: true } */
  deleteTask: 'customers.task.delete',
  /** { id, query: ListTasksQuery } → Page<TaskView>, by due date */
  listTasks: 'customers.task.list',
  /** { query: ListTasksQuery } → Page<TaskView> of every customer of the tenant, by due date */
  listTenantTasks: 'customers.task.listAll',

  /** { id, input: CreateAppointmentInput, idempotencyKey? } → AppointmentView */
  createAppointment: 'customers.appointment.create',
  /** { id, itemId, input: UpdateAppointmentInput } → AppointmentView */
  updateAppointment: 'customers.appointment.update',
  /** { id, itemId } → { id, deleted: true } */
  deleteAppointment: 'customers.appointment.delete',
  /** { id, query: ListAppointmentsQuery } → Page<AppointmentView>, latest start first */
  listAppointments: 'customers.appointment.list',

  /** { id, input: CreateLocationInput, idempotencyKey? } → LocationView (the first location is primary) */
  createLocation: 'customers.location.create',
  /** { id, itemId, input: UpdateLocationInput } → LocationView */
  updateLocation: 'customers.location.update',
  /** { id, itemId } → { id, deleted: true } (deleting the primary promotes the oldest other) */
  deleteLocation: 'customers.location.delete',
  /** { id, itemId } → LocationView (now primary; the old primary is un-marked) */
  makeLocationPrimary: 'customers.location.makePrimary',
  /** { id, query: PageQuery } → Page<LocationView>, primary first, then oldest first */
  listLocations: 'customers.location.list',

  /** { id, input: CreateContactInput, idempotencyKey? } → ContactView (the first contact is primary) */
  createContact: 'customers.contact.create',
  /** { id, itemId, input: UpdateContactInput } → ContactView */
  updateContact: 'customers.contact.update',
  /** { id, itemId } → { id, deleted: true } (deleting the primary promotes the oldest other) */
  deleteContact: 'customers.contact.delete',
  /** { id, itemId } → ContactView (now primary) */
  makeContactPrimary: 'customers.contact.makePrimary',
  /** { id, query: ListContactsQuery } → Page<ContactView>, primary first, then oldest first */
  listContacts: 'customers.contact.list',

  /**
   * { id, input: BeginUploadInput } → UploadSession. Checks the customer, the content type
   * (415 unsupported_media_type) and the declared size (413 payload_too_large).
   */
  beginUpload: 'customers.attachment.beginUpload',
  /** { id, uploadId, index, data: base64 } → { receivedBytes, chunks }; 413 when the total passes the limit */
  appendUploadChunk: 'customers.attachment.appendChunk',
  /** { id, uploadId, chunks, bytes, sha256 } → AttachmentView; the counts and the checksum must match what arrived */
  completeUpload: 'customers.attachment.completeUpload',
  /** { id, uploadId } → { id, aborted: true } */
  abortUpload: 'customers.attachment.abortUpload',
  /** { id, itemId } → AttachmentView */
  getAttachment: 'customers.attachment.get',
  /** { id, itemId, index } → { index, data: base64 } */
  readAttachmentChunk: 'customers.attachment.readChunk',
  /** { id, itemId, input: { fileName } } → AttachmentView */
  updateAttachment: 'customers.attachment.update',
  /** { id, itemId } → { id, deleted: true } */
  deleteAttachment: 'customers.attachment.delete',
  /** { id, query: PageQuery } → Page<AttachmentView>, newest first */
  listAttachments: 'customers.attachment.list',

  /** { query: PageQuery } → Page<BrandView> by name */
  listBrands: 'customers.brand.list',
  /** { input: CreateBrandInput } → BrandView; 409 brand_exists */
  createBrand: 'customers.brand.create',
  /** { brandId, input: UpdateBrandInput } → BrandView */
  updateBrand: 'customers.brand.update',
  /** { brandId } → { id, deleted: true }; 409 brand_in_use while a customer has it */
  deleteBrand: 'customers.brand.delete',

  /** { query: PageQuery } → Page<SalesRepView> by name */
  listSalesReps: 'customers.salesRep.list',
  /** { input: CreateSalesRepInput } → SalesRepView */
  createSalesRep: 'customers.salesRep.create',
  /** { salesRepId, input: UpdateSalesRepInput } → SalesRepView (`brandRates` replaces the set) */
  updateSalesRep: 'customers.salesRep.update',
  /** { salesRepId } → { id, deleted: true } (its customers keep no sales rep) */
  deleteSalesRep: 'customers.salesRep.delete',

  /** { id } → AccountSalesRepView */
  getAccountSalesRep: 'customers.account.getSalesRep',
  /** { id, salesRepId: string | null } → AccountSalesRepView */
  setAccountSalesRep: 'customers.account.setSalesRep',

  /** { id, query: ListCustomerBrandsQuery } → Page<CustomerBrandView> by brand name, each with its effective rate */
  listCustomerBrands: 'customers.customerBrand.list',
  /** { id, brandId, input: SetCustomerBrandInput } → CustomerBrandView (creates or replaces) */
  setCustomerBrand: 'customers.customerBrand.set',
  /** { id, brandId } → { id: brandId, deleted: true } */
  removeCustomerBrand: 'customers.customerBrand.remove',
} as const;

/** Error codes of the B2B sections (beside ErrorCodes). */
export const CustomersB2BErrorCodes = {
  noteNotFound: 'note_not_found',
  noteTypeNotFound: 'note_type_not_found',
  noteTypeExists: 'note_type_exists',
  noteTypeInUse: 'note_type_in_use',
  /** Staff may change or delete only their own notes; owners and admins any. */
  notNoteAuthor: 'not_note_author',
  taskNotFound: 'task_not_found',
  appointmentNotFound: 'appointment_not_found',
  locationNotFound: 'location_not_found',
  contactNotFound: 'contact_not_found',
  attachmentNotFound: 'attachment_not_found',
  uploadNotFound: 'upload_not_found',
  /** A chunk arrived out of order, or completion does not match what arrived. */
  uploadMismatch: 'upload_mismatch',
  brandNotFound: 'brand_not_found',
  brandExists: 'brand_exists',
  brandInUse: 'brand_in_use',
  salesRepNotFound: 'sales_rep_not_found',
  salesRepExists: 'sales_rep_exists',
  customerBrandNotFound: 'customer_brand_not_found',
} as const;

/** Who did something, as items show it (the actor of the request). */
export interface ActorRef {
  type: Actor['type'];
  id: string;
}

export interface Deleted {
  id: string;
  deleted: true;
}

// ---- C9 notes ---------------------------------------------------------------------------

/** Where a call with the customer stands; the note records it (fixed list). */
export type CallStatus = 'not_called' | 'no_answer' | 'left_message' | 'call_back' | 'reached' | 'not_interested';
export const CALL_STATUSES: readonly CallStatus[] = ['not_called', 'no_answer', 'left_message', 'call_back', 'reached', 'not_interested'];

/** A note type of the tenant's list (e.g. phone call, visit, email). */
export interface NoteTypeView {
  key: string;
  label: string;
  position: number;
}
export interface CreateNoteTypeInput {
  key: string;
  label: string;
  position?: number;
}

export interface NoteView {
  id: string;
  customerId: string;
  /** A key of the tenant's note types. */
  type: string;
  season: string | null;
  year: number | null;
  callStatus: CallStatus | null;
  text: string;
  author: ActorRef;
  createdAt: string;
  updatedAt: string;
  updatedBy: ActorRef | null;
}
export interface CreateNoteInput {
  type: string;
  season?: string | null;
  year?: number | null;
  callStatus?: CallStatus | null;
  text: string;
}
export type UpdateNoteInput = Partial<CreateNoteInput>;
export interface ListNotesQuery extends PageQuery {
  type?: string;
  season?: string;
  year?: number;
  callStatus?: CallStatus;
}

// ---- C10 tasks --------------------------------------------------------------------------

export type TaskStatus = 'open' | 'done';
export const TASK_STATUSES: readonly TaskStatus[] = ['open', 'done'];

export interface TaskView {
  id: string;
  customerId: string;
  category: string;
  /** The staff user (token `sub`) the task is assigned to, or null. */
  assignee: string | null;
  dueDate: string;
  description: string;
  status: TaskStatus;
  completedAt: string | null;
  completedBy: ActorRef | null;
  createdBy: ActorRef;
  createdAt: string;
  updatedAt: string;
}
export interface CreateTaskInput {
  category: string;
  assignee?: string | null;
  dueDate: string;
  description: string;
  status?: TaskStatus;
}
export type UpdateTaskInput = Partial<CreateTaskInput>;
export interface ListTasksQuery extends PageQuery {
  status?: TaskStatus;
  assignee?: string;
  category?: string;
}

// ---- C11 appointments -------------------------------------------------------------------

export interface AppointmentView {
  id: string;
  customerId: string;
  type: string;
  season: string | null;
  /** The year the appointment belongs to (default: the year of startsAt in the tenant's time zone). */
  year: number;
  startsAt: string;
  endsAt: string | null;
  notes: string | null;
  createdBy: ActorRef;
  createdAt: string;
  updatedAt: string;
}
export interface CreateAppointmentInput {
  type: string;
  season?: string | null;
  year?: number;
  startsAt: string;
  endsAt?: string | null;
  notes?: string | null;
}
export type UpdateAppointmentInput = Partial<CreateAppointmentInput>;
export interface ListAppointmentsQuery extends PageQuery {
  type?: string;
  season?: string;
  year?: number;
}

// ---- C12 locations, C13 contacts ---------------------------------------------------------

export interface LocationView {
  id: string;
  customerId: string;
  /** Billing, shipping, HQ… or null. */
  name: string | null;
  line1: string;
  line2: string | null;
  postalCode: string | null;
  city: string;
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  primary: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface CreateLocationInput {
  name?: string | null;
  line1: string;
  line2?: string | null;
  postalCode?: string | null;
  city: string;
  region?: string | null;
  country: string;
  /** Make this the primary location (the first one always is). */
  primary?: boolean;
}
export type UpdateLocationInput = Partial<Omit<CreateLocationInput, 'primary'>>;

export interface ContactView {
  id: string;
  customerId: string;
  name: string;
  /** Job title or role at the company. */
  title: string | null;
  email: string | null;
  phone: string | null;
  phoneType: PhoneType | null;
  emailStatus: ContactStatus;
  /** Consent to receive email (anti-spam law): no consent, no email. */
  emailConsent: ConsentStatus;
  emailConsentAt: string | null;
  /** True only with an email address that is not invalid or bounced and consent given: the flag senders use. */
  canEmail: boolean;
  primary: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface CreateContactInput {
  name: string;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  emailStatus?: ContactStatus;
  emailConsent?: ConsentStatus;
  primary?: boolean;
}
export type UpdateContactInput = Partial<Omit<CreateContactInput, 'primary'>>;
export interface ListContactsQuery extends PageQuery {
  /** true: only contacts that may be emailed (canEmail). */
  canEmail?: boolean;
}

// ---- C14 attachments --------------------------------------------------------------------

export interface AttachmentView {
  id: string;
  customerId: string;
  fileName: string;
  contentType: string;
  /** Bytes. */
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  /** How many chunks a download reads (customers.attachment.readChunk, index 0…chunks-1). */
  chunks: number;
  uploadedBy: ActorRef;
  createdAt: string;
  updatedAt: string;
}
export interface BeginUploadInput {
  fileName: string;
  contentType: string;
  /** The size when the sender knows it (refused at once when over the limit). */
  declaredBytes?: number;
}
export interface UploadSession {
  uploadId: string;
  /** Largest chunk (decoded bytes) appendChunk accepts. */
  chunkBytes: number;
  /** Largest attachment. */
  maxBytes: number;
}

// ---- C15 brands and commission ----------------------------------------------------------

/** Commission rates are whole basis points: 1250 = 12.50 %, 0 to 10000. */
export const MAX_RATE_BPS = 10_000;

export interface BrandView {
  id: string;
  name: string;
  defaultRateBps: number;
  createdAt: string;
  updatedAt: string;
}
export interface CreateBrandInput {
  name: string;
  defaultRateBps: number;
}
export type UpdateBrandInput = Partial<CreateBrandInput>;

export interface SalesRepBrandRate {
  brandId: string;
  rateBps: number;
}
export interface SalesRepView {
  id: string;
  name: string;
  email: string | null;
  /** The staff user (token `sub`) this rep signs in as, if any. */
  userId: string | null;
  /** The rep's rate for every brand without a brand rate of the rep; null: none. */
  defaultRateBps: number | null;
  /** The rep's own rate per brand. */
  brandRates: SalesRepBrandRate[];
  createdAt: string;
  updatedAt: string;
}
export interface CreateSalesRepInput {
  name: string;
  email?: string | null;
  userId?: string | null;
  defaultRateBps?: number | null;
  brandRates?: SalesRepBrandRate[];
}
export interface UpdateSalesRepInput extends Partial<Omit<CreateSalesRepInput, 'brandRates'>> {
  /** Replaces the rep's brand rates; null or [] removes them. */
  brandRates?: SalesRepBrandRate[] | null;
}

export interface AccountSalesRepView {
  customerId: string;
  salesRep: SalesRepView | null;
  assignedAt: string | null;
}

export type CustomerBrandStatus = 'active' | 'potential';
export const CUSTOMER_BRAND_STATUSES: readonly CustomerBrandStatus[] = ['active', 'potential'];

/** Where the effective rate came from, most specific first. */
export type CommissionSource = 'customer' | 'sales_rep_brand' | 'sales_rep' | 'brand';
export const COMMISSION_SOURCES: readonly CommissionSource[] = ['customer', 'sales_rep_brand', 'sales_rep', 'brand'];

export interface EffectiveRate {
  rateBps: number;
  /** The same rate as an exact decimal percent, e.g. "12.50". */
  percent: string;
  source: CommissionSource;
}

export interface CustomerBrandView {
  customerId: string;
  brandId: string;
  brandName: string;
  status: CustomerBrandStatus;
  /** The id this brand knows the customer by (the brand's account number), if any. */
  brandCustomerId: string | null;
  /** The customer's own rate for this brand, which overrides every other; null: none. */
  rateBps: number | null;
  brandDefaultRateBps: number;
  salesRep: { id: string; name: string } | null;
  /** The rate that applies: customer > sales rep (for this brand, then overall) > brand. */
  effectiveRate: EffectiveRate;
  createdAt: string;
  updatedAt: string;
}
export interface SetCustomerBrandInput {
  status: CustomerBrandStatus;
  brandCustomerId?: string | null;
  rateBps?: number | null;
}
export interface ListCustomerBrandsQuery extends PageQuery {
  status?: CustomerBrandStatus;
}

// ---- Events -----------------------------------------------------------------------------

/**
 * Events of the B2B sections (stream CUSTOMERS). Each change of a customer's item carries the
 * customer id and the item as it is after the change (as it was, for a deletion); the actor is
 * the envelope's. The history timeline (C16) is built from them. Erasing a customer (C18)
 * publishes only customers.customer.deleted, not one event per erased item.
 */
export const CustomerB2BEvents = {
  noteTypeCreated: 'customers.noteType.created',
  noteTypeDeleted: 'customers.noteType.deleted',
  noteCreated: 'customers.note.created',
  noteUpdated: 'customers.note.updated',
  noteDeleted: 'customers.note.deleted',
  taskCreated: 'customers.task.created',
  taskUpdated: 'customers.task.updated',
  taskCompleted: 'customers.task.completed',
  taskReopened: 'customers.task.reopened',
  taskDeleted: 'customers.task.deleted',
  appointmentCreated: 'customers.appointment.created',
  appointmentUpdated: 'customers.appointment.updated',
  appointmentDeleted: 'customers.appointment.deleted',
  locationCreated: 'customers.location.created',
  locationUpdated: 'customers.location.updated',
  locationDeleted: 'customers.location.deleted',
  locationPrimaryChanged: 'customers.location.primaryChanged',
  contactCreated: 'customers.contact.created',
  contactUpdated: 'customers.contact.updated',
  contactDeleted: 'customers.contact.deleted',
  contactPrimaryChanged: 'customers.contact.primaryChanged',
  attachmentCreated: 'customers.attachment.created',
  attachmentUpdated: 'customers.attachment.updated',
  attachmentDeleted: 'customers.attachment.deleted',
  brandCreated: 'customers.brand.created',
  brandUpdated: 'customers.brand.updated',
  brandDeleted: 'customers.brand.deleted',
  salesRepCreated: 'customers.salesRep.created',
  salesRepUpdated: 'customers.salesRep.updated',
  salesRepDeleted: 'customers.salesRep.deleted',
  accountSalesRepChanged: 'customers.account.salesRepChanged',
  customerBrandCreated: 'customers.customerBrand.created',
  customerBrandUpdated: 'customers.customerBrand.updated',
  customerBrandDeleted: 'customers.customerBrand.deleted',
} as const;

/** customers.<item>.created / .deleted: the item (as it was, for a deletion). */
export interface AccountItemEventV1<T> {
  customerId: string;
  item: T;
}
/** customers.<item>.updated (and task completed / reopened): the item after the change and the names of the changed fields. */
export interface AccountItemUpdatedV1<T> extends AccountItemEventV1<T> {
  changed: string[];
}
export type NoteCreatedV1 = AccountItemEventV1<NoteView>;
export type NoteUpdatedV1 = AccountItemUpdatedV1<NoteView>;
export type NoteDeletedV1 = AccountItemEventV1<NoteView>;
export type TaskCreatedV1 = AccountItemEventV1<TaskView>;
export type TaskUpdatedV1 = AccountItemUpdatedV1<TaskView>;
export type TaskDeletedV1 = AccountItemEventV1<TaskView>;
export type AppointmentCreatedV1 = AccountItemEventV1<AppointmentView>;
export type AppointmentUpdatedV1 = AccountItemUpdatedV1<AppointmentView>;
export type AppointmentDeletedV1 = AccountItemEventV1<AppointmentView>;
export type LocationCreatedV1 = AccountItemEventV1<LocationView>;
export type LocationUpdatedV1 = AccountItemUpdatedV1<LocationView>;
export type LocationDeletedV1 = AccountItemEventV1<LocationView>;
export type ContactCreatedV1 = AccountItemEventV1<ContactView>;
export type ContactUpdatedV1 = AccountItemUpdatedV1<ContactView>;
export type ContactDeletedV1 = AccountItemEventV1<ContactView>;
/** Attachment events carry the metadata, never the content. */
export type AttachmentCreatedV1 = AccountItemEventV1<AttachmentView>;
export type AttachmentUpdatedV1 = AccountItemUpdatedV1<AttachmentView>;
export type AttachmentDeletedV1 = AccountItemEventV1<AttachmentView>;
export type CustomerBrandCreatedV1 = AccountItemEventV1<CustomerBrandView>;
export type CustomerBrandUpdatedV1 = AccountItemUpdatedV1<CustomerBrandView>;
export type CustomerBrandDeletedV1 = AccountItemEventV1<CustomerBrandView>;

/** customers.location.primaryChanged / customers.contact.primaryChanged. */
export interface PrimaryChangedV1 {
  customerId: string;
  /** The new primary (null when the last one was deleted). */
  primaryId: string | null;
  previousPrimaryId: string | null;
}

export interface AccountSalesRepChangedV1 {
  customerId: string;
  salesRepId: string | null;
  previousSalesRepId: string | null;
}

/** Tenant lists (not about one customer). */
export interface NoteTypeChangedV1 {
  noteType: NoteTypeView;
}
export interface BrandChangedV1 {
  brand: BrandView;
}
export interface SalesRepChangedV1 {
  salesRep: SalesRepView;
}
