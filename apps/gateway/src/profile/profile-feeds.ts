import { tap, type Observable } from 'rxjs';
import { SERVICES, TENANT_WIDE, type ProfileFeedMessage, type ServiceName } from '@app/contracts';

interface Feed {
  service: ServiceName;
  seq: number;
  /** The mark of its first message after a start or a break: it vouches only for what was asked after. */
  since: number;
  heardAt: number;
}

/** Announced changes are remembered this long, for answers to asks still under way (they time out sooner). */
const RECENT_MS = 60_000;

/**
 * What the services' profile change feeds (ProfileChangeFeed) have told this gateway, and
 * whether a copy of a profile may be answered without asking the services again.
 *
 * Events are put in one order by `mark()`: a copy's parts are confirmed at the mark taken when
 * they were asked for. A service's feed vouches for a copy when the feed has been heard without
 * a break (no gap in `seq`, no silence longer than `silenceMs`, not closing, no break of this
 * gateway's own connection) since before that mark: every change committed after the parts were
 * read is announced after the ask went out, so it would have reached this gateway and been
 * applied to the copy (ProfileCopies.changed) or to its tenant. From when a write through this
 * gateway is answered until every feed has announced what it committed (`writing`, `settle`,
 * behindWriteBarrier), the tenant's copies are not vouched for, so a read that starts after
 * the answer shows the write.
 */
export class ProfileFeeds {
  private tick = 0;
  private readonly feeds = new Map<string, Feed>();
  private readonly recentChanges = new Map<string, { mark: number; at: number }>();
  private readonly tenantChangedAt = new Map<string, number>();
  private readonly unsettled = new Map<string, number>();
  private brokenAt = 0;

  constructor(
    private readonly silenceMs: number,
    /** Called for each customer whose profile changed (`tenant|customer`). */
    private readonly changed: (customer: string) => void,
  ) {}

  /** The next point in this gateway's order of events; taken when a profile's parts are asked for. */
  mark(): number {
    return ++this.tick;
  }

  receive(message: ProfileFeedMessage, now = Date.now()): void {
    const mark = this.mark();
    const feed = this.feeds.get(message.feed);
    if (!feed || message.seq !== feed.seq + 1 || now - feed.heardAt > this.silenceMs) {
      this.feeds.set(message.feed, { service: message.service as ServiceName, seq: message.seq, since: mark, heardAt: now });
    } else {
      feed.seq = message.seq;
      feed.heardAt = now;
    }
    for (const [tenant, customer] of message.changes) {
      if (customer === TENANT_WIDE) {
        this.tenantChangedAt.set(tenant, mark);
      } else {
        const key = `${tenant}|${customer}`;
        this.recentChanges.delete(key); // kept in the order of their last change, for prune
        this.recentChanges.set(key, { mark, at: now });
        this.changed(key);
      }
    }
    if (message.closing) this.feeds.delete(message.feed);
  }

  /** This gateway's own connection to the feeds broke: nothing confirmed before now is vouched for. */
  broken(): void {
    this.brokenAt = this.mark();
  }

  /** A service's feed could not be synced: its part of every copy asked before now is unconfirmed. */
  unsynced(service: ServiceName): void {
    const mark = this.mark();
    for (const feed of this.feeds.values()) if (feed.service === service) feed.since = mark;
  }

  /** Whether the customer's profile or tenant changed after `mark`, as far as this gateway has heard. */
  changedSince(tenant: string, customer: string, mark: number): boolean {
    return (this.recentChanges.get(`${tenant}|${customer}`)?.mark ?? 0) > mark || (this.tenantChangedAt.get(tenant) ?? 0) > mark;
  }

  /** Whether a copy of a profile of `tenant` whose parts were confirmed at `confirmedAt` is still what the services would answer. */
  vouchFor(tenant: string, confirmedAt: number | null, now = Date.now()): boolean {
    if (confirmedAt === null || confirmedAt <= this.brokenAt || this.unsettled.has(tenant)) return false;
    if ((this.tenantChangedAt.get(tenant) ?? 0) > confirmedAt) return false;
    return SERVICES.every((service) => this.covers(service, confirmedAt, now));
  }

  /** A write for `tenant` goes out through this gateway: its copies wait for it to be announced. */
  writing(tenant: string): void {
    this.unsettled.set(tenant, (this.unsettled.get(tenant) ?? 0) + 1);
  }

  /** The write is answered; `syncAll` resolves once every feed has announced what was committed before it. */
  async settle(tenant: string, syncAll: () => Promise<void>): Promise<void> {
    try {
      await syncAll();
    } finally {
      const left = (this.unsettled.get(tenant) ?? 1) - 1;
      if (left > 0) this.unsettled.set(tenant, left);
      else this.unsettled.delete(tenant);
    }
  }

  /** Forgets feeds long silent and changes older than any ask still under way. */
  prune(now = Date.now()): void {
    for (const [id, feed] of this.feeds) if (now - feed.heardAt > 10 * this.silenceMs) this.feeds.delete(id);
    for (const [key, change] of this.recentChanges) {
      if (now - change.at <= RECENT_MS) break; // oldest first
      this.recentChanges.delete(key);
    }
  }

  private covers(service: ServiceName, confirmedAt: number, now: number): boolean {
    for (const feed of this.feeds.values()) {
      if (feed.service === service && feed.since < confirmedAt && now - feed.heardAt <= this.silenceMs) return true;
    }
    return false;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request that may write for `tenant` (any method but a read): from the moment it is answered
 * until `syncAll` has had every feed announce what it committed, the tenant's copies are not
 * vouched for, so a read that starts after the answer shows the write. A read that overlaps the
 * write may show it or not, as with any concurrent read.
 */
export function behindWriteBarrier<T>(feeds: ProfileFeeds, syncAll: () => Promise<void>, method: string, tenant: string | undefined, handle: () => Observable<T>): Observable<T> {
  if (!tenant || READS.has(method)) return handle();
  const answered = () => {
    feeds.writing(tenant);
    void feeds.settle(tenant, syncAll).catch(() => undefined);
  };
  // Before the answer passes on: a read that starts after it finds the tenant unsettled.
  return handle().pipe(tap({ complete: answered, error: answered }));
}
