import { lastValueFrom, of, tap } from 'rxjs';
import { SERVICES } from '@app/contracts';
import { behindWriteBarrier, ProfileFeeds } from './profile-feeds';

const NOW = Date.now();

/** A listener whose four feeds are heard, and whose sync after a write resolves when the test says. */
function listening() {
  const feeds = new ProfileFeeds(60_000, () => undefined);
  for (const service of SERVICES) feeds.receive({ service, feed: service, seq: 1, changes: [] }, NOW);
  const syncs: Array<() => void> = [];
  const syncAll = () => new Promise<void>((resolve) => syncs.push(resolve));
  const request = <T>(method: string, tenant: string | undefined, answer: T) => behindWriteBarrier(feeds, syncAll, method, tenant, () => of(answer));
  return { feeds, syncs, request };
}

describe('behindWriteBarrier', () => {
  it('keeps a tenant’s copies unvouched from when a write is answered until every feed has announced it', async () => {
    const { feeds, syncs, request } = listening();
    const confirmed = feeds.mark();
    let vouchedWhenAnswered: boolean | undefined;
    const answer = request('PATCH', 't1', 'written').pipe(tap({ complete: () => (vouchedWhenAnswered = feeds.vouchFor('t1', confirmed, NOW)) }));
    expect(await lastValueFrom(answer)).toBe('written');
    expect(vouchedWhenAnswered).toBe(false); // already when the answer goes out
    expect(feeds.vouchFor('t2', confirmed, NOW)).toBe(true);
    expect(syncs).toHaveLength(1);
    expect(feeds.vouchFor('t1', confirmed, NOW)).toBe(false);
    syncs[0]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(feeds.vouchFor('t1', confirmed, NOW)).toBe(true);
  });

  it('lets reads and calls without a tenant pass untouched', async () => {
    const { feeds, syncs, request } = listening();
    const confirmed = feeds.mark();
    await lastValueFrom(request('GET', 't1', 1));
    await lastValueFrom(request('POST', undefined, 1));
    expect(syncs).toHaveLength(0);
    expect(feeds.vouchFor('t1', confirmed, NOW)).toBe(true);
  });
});
