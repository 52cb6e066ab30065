/**
 * The profile change feed: each service tells the gateways, right after a write commits, which
 * customers' profile parts it changed, so a gateway can answer its copy of a profile without
 * asking the four services while their feeds are unbroken (see apps/gateway ProfileFeeds).
 * Core NATS, at most once: a gateway counts `seq` per feed and treats a gap, a silence or a
 * new feed as a break, after which it asks again.
 */
export const ProfileFeedSubjects = {
  /** ProfileFeedMessage, published by every replica of `service`. */
  changes: (service: string) => `profile.feed.${service}.changes`,
  /** Request `{}` → `{ feed }`, answered once every change committed before it was published. */
  sync: (service: string) => `profile.feed.${service}.sync`,
} as const;

export interface ProfileFeedMessage {
  service: string;
  /** This replica's feed, new at each start or after its database listener was lost. */
  feed: string;
  /** 1, 2, 3, … within the feed; a beat (no changes) at least every PROFILE_FEED_BEAT_MS. */
  seq: number;
  /** `[tenantId, customerId]` pairs; customerId TENANT_WIDE means every customer of the tenant. */
  changes: Array<[string, string]>;
  /** The last message of a feed that is stopping: its service's parts are unconfirmed from now on. */
  closing?: boolean;
}

/** The customer id that marks a change to tenant-wide data: every customer's document of the tenant is affected. */
export const TENANT_WIDE = '00000000-0000-0000-0000-000000000000';
