import { SERVICES, TENANT_WIDE, type ProfileFeedMessage } from '@app/contracts';
import { ProfileFeeds } from './profile-feeds';

const SILENCE = 3000;
const T0 = 1_000_000;

/** Feeds of all four services, each with its first message heard at T0. */
function heard() {
  const changed: string[] = [];
  const feeds = new ProfileFeeds(SILENCE, (customer) => changed.push(customer));
  const seq = Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<string, number>;
  const send = (service: string, changes: ProfileFeedMessage['changes'] = [], at = T0, extra: Partial<ProfileFeedMessage> = {}) =>
    feeds.receive({ service, feed: `${service}-1`, seq: ++seq[service], changes, ...extra }, at);
  for (const service of SERVICES) send(service);
  return { feeds, send, seq, changed };
}

describe('ProfileFeeds', () => {
  it('vouches for a copy confirmed after every feed was first heard, and not for one confirmed before', () => {
    const changed: string[] = [];
    const feeds = new ProfileFeeds(SILENCE, (c) => changed.push(c));
    const before = feeds.mark();
    for (const service of SERVICES) feeds.receive({ service, feed: `${service}-1`, seq: 1, changes: [] }, T0);
    const after = feeds.mark();
    expect(feeds.vouchFor('t1', before, T0)).toBe(false);
    expect(feeds.vouchFor('t1', after, T0)).toBe(true);
    expect(feeds.vouchFor('t1', null, T0)).toBe(false);
  });

  it('needs all four services: without one feed it vouches for nothing', () => {
    const feeds = new ProfileFeeds(SILENCE, () => undefined);
    for (const service of SERVICES.slice(1)) feeds.receive({ service, feed: `${service}-1`, seq: 1, changes: [] }, T0);
    expect(feeds.vouchFor('t1', feeds.mark(), T0)).toBe(false);
  });

  it('passes a customer’s change on at once, and remembers it for parts asked for before it came', () => {
    const { feeds, send, changed } = heard();
    const asked = feeds.mark();
    send('bookings', [['t1', 'c1']]);
    expect(changed).toEqual(['t1|c1']);
    expect(feeds.changedSince('t1', 'c1', asked)).toBe(true);
    expect(feeds.changedSince('t1', 'c2', asked)).toBe(false);
    expect(feeds.changedSince('t2', 'c1', asked)).toBe(false);
    expect(feeds.changedSince('t1', 'c1', feeds.mark())).toBe(false);
  });

  it('stops vouching for every copy of a tenant whose tenant-wide data changed', () => {
    const { feeds, send, changed } = heard();
    const confirmed = feeds.mark();
    send('bookings', [['t1', TENANT_WIDE]]);
    expect(changed).toEqual([]);
    expect(feeds.vouchFor('t1', confirmed, T0)).toBe(false);
    expect(feeds.changedSince('t1', 'any', confirmed)).toBe(true);
    expect(feeds.vouchFor('t2', confirmed, T0)).toBe(true);
    expect(feeds.vouchFor('t1', feeds.mark(), T0)).toBe(true);
  });

  it('treats a gap in a feed as a break: what was confirmed before it is asked again', () => {
    const { feeds, send, seq } = heard();
    const confirmed = feeds.mark();
    seq.loyalty++; // one loyalty message lost
    send('loyalty');
    expect(feeds.vouchFor('t1', confirmed, T0)).toBe(false);
    const later = feeds.mark();
    expect(feeds.vouchFor('t1', later, T0)).toBe(true);
  });

  it('treats silence longer than the limit as a break, also after the feed is heard again', () => {
    const { feeds, send } = heard();
    const confirmed = feeds.mark();
    expect(feeds.vouchFor('t1', confirmed, T0 + SILENCE)).toBe(true);
    expect(feeds.vouchFor('t1', confirmed, T0 + SILENCE + 1)).toBe(false);
    for (const service of SERVICES) send(service, [], T0 + SILENCE + 500);
    expect(feeds.vouchFor('t1', confirmed, T0 + SILENCE + 500)).toBe(false);
    expect(feeds.vouchFor('t1', feeds.mark(), T0 + SILENCE + 500)).toBe(true);
  });

  it('stops vouching at once for a service whose feed closes, and for everything after its own connection broke', () => {
    const a = heard();
    const confirmed = a.feeds.mark();
    a.send('marketing', [], T0, { closing: true });
    expect(a.feeds.vouchFor('t1', confirmed, T0)).toBe(false);

    const b = heard();
    const before = b.feeds.mark();
    b.feeds.broken();
    expect(b.feeds.vouchFor('t1', before, T0)).toBe(false);
    expect(b.feeds.vouchFor('t1', b.feeds.mark(), T0)).toBe(true);
  });

  it('stops vouching for a service that could not be synced, until parts are asked for again', () => {
    const { feeds } = heard();
    const confirmed = feeds.mark();
    feeds.unsynced('customers');
    expect(feeds.vouchFor('t1', confirmed, T0)).toBe(false);
    expect(feeds.vouchFor('t1', feeds.mark(), T0)).toBe(true);
  });

  it('vouches for no copy of a tenant while a write is under way or not yet announced by every feed', async () => {
    const { feeds } = heard();
    const confirmed = feeds.mark();
    feeds.writing('t1');
    feeds.writing('t1');
    expect(feeds.vouchFor('t1', confirmed, T0)).toBe(false);
    expect(feeds.vouchFor('t2', confirmed, T0)).toBe(true);
    let synced!: () => void;
    const first = feeds.settle('t1', () => new Promise<void>((resolve) => (synced = resolve)));
    await feeds.settle('t1', async () => undefined);
    expect(feeds.vouchFor('t1', confirmed, T0)).toBe(false); // the first write is not yet announced
    synced();
    await first;
    expect(feeds.vouchFor('t1', confirmed, T0)).toBe(true);
    feeds.writing('t1');
    await expect(feeds.settle('t1', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(feeds.vouchFor('t1', confirmed, T0)).toBe(true); // settled all the same; a failed sync is unsynced() by its caller
  });

  it('forgets feeds long silent and changes older than any ask under way', () => {
    const { feeds, send } = heard();
    const asked = feeds.mark();
    send('customers', [['t1', 'c1']], T0);
    feeds.prune(T0 + 61_000);
    expect(feeds.changedSince('t1', 'c1', asked)).toBe(false);
    expect(feeds.vouchFor('t1', feeds.mark(), T0 + 61_000)).toBe(false);
  });
});
