/**
 * Tenant-wide settings. Owned by the customers service (GET/PATCH /v1/settings); every other
 * service keeps a copy from the `customers.tenant.settingsChanged` event (libs/platform
 * tenant-settings), and uses the defaults below until the tenant changes them.
 */
export interface TenantSettings {
  /** IANA zone in which days, weeks, months and years begin (offer periods, feedback filters, reports). */
  timeZone: string;
  /** ISO 4217 currency of amounts given without one. */
  currency: string;
  /** Base URL of the tenant's public pages: card set-up and referral links are built from it (L10). */
  publicUrl: string | null;
  /** Bonus points are "pending deactivation" this many days before they expire (L4). */
  bonusDeactivationWindowDays: number;
  /** Product-category views count as an interest for this many days (M7). */
  interestWindowDays: number;
}

export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  timeZone: 'UTC',
  currency: 'EUR',
  publicUrl: null,
  bonusDeactivationWindowDays: 30,
  interestWindowDays: 30,
};

export type UpdateTenantSettingsInput = Partial<TenantSettings>;

export const TenantEvents = {
  settingsChanged: 'customers.tenant.settingsChanged',
} as const;

export interface TenantSettingsChangedV1 {
  settings: TenantSettings;
  /** When the customers service stored this version; a projection keeps the newest. */
  updatedAt: string;
}
