/**
 * Request/reply patterns: `<service>.<resource>.<verb>`. Every payload also carries
 * `tenantId` and `actor` (see Rpc<T> in common.ts); the shapes are written beside each pattern.
 */
export const CustomersPatterns = {
  /** { input: CreateCustomerInput } → CustomerView */
  create: 'customers.customer.create',
  /** { id } → CustomerView */
  get: 'customers.customer.get',
  /** { email } → CustomerView (matches primary and other emails, case-insensitive) */
  getByEmail: 'customers.customer.getByEmail',
  /** { query: ListCustomersQuery } → Page<CustomerView> */
  list: 'customers.customer.list',
  /** { id, input: UpdateCustomerInput } → CustomerView */
  update: 'customers.customer.update',
  /** { id } → { id, deleted: true } (erases personal data, publishes customer.deleted) */
  delete: 'customers.customer.delete',
  /** { id, address, status: ContactStatus } → CustomerView */
  setEmailStatus: 'customers.email.setStatus',
  /** { id, tag } → CustomerView */
  addTag: 'customers.tag.add',
  /** { id, tag } → CustomerView */
  removeTag: 'customers.tag.remove',
  /** { tag, query: PageQuery } → Page<CustomerView> */
  listByTag: 'customers.tag.listCustomers',
  /** {} → AttributeDefinitionView[] (in display order) */
  listAttributes: 'customers.attribute.list',
  /** { input: CreateAttributeInput } → AttributeDefinitionView */
  createAttribute: 'customers.attribute.create',
  /** { id, query: PageQuery } → Page<ConsentView> */
  listConsents: 'customers.consent.list',
  /** { id, input: SetConsentInput } → ConsentView */
  setConsent: 'customers.consent.set',
  /** { id } → LatestDetailsView | null (C5) */
  getLatestDetails: 'customers.latestDetails.get',
  /** { id, query: PageQuery } → Page<KnownCustomerView> (C6), most recently booked first */
  listKnownCustomers: 'customers.knownCustomer.list',
  /** { id, query: { category?, limit?, cursor? } } → Page<HistoryEntryView> (C16), newest first */
  listHistory: 'customers.history.list',
  /** { id } → the audit of the customer's deletion (C18): who asked, when, each service's erasure */
  getDeletion: 'customers.deletion.get',
  /** { id } → customer, attributes shown in the profile, latest details and the first page of each customers tab (P1) */
  profile: 'customers.customer.profile',
  /** { id } → everything the customers service holds on the customer (C18) */
  export: 'customers.customer.export',
  /** {} → TenantSettings (defaults until changed) */
  getSettings: 'customers.settings.get',
  /** { input: UpdateTenantSettingsInput } → TenantSettings; publishes customers.tenant.settingsChanged */
  updateSettings: 'customers.settings.update',
} as const;

/** Every service answers this with `{ service, status: 'ok' }` so the gateway's readiness can see it. */
export const healthPattern = (service: string) => `${service}.health.ping`;
