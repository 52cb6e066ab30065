import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { ProfileFeedSubjects, TENANT_WIDE, type ProfileFeedMessage } from '@app/contracts';

const CHANNEL = 'profile_changes';
/** A notice a feed sends itself: when it comes back, every notice committed before it has come. */
const MARK = 'mark:';
/** Beyond this many customers waiting in one message, their tenants are announced as wholes (a NATS message holds 1 MB). */
const MAX_CUSTOMERS_PER_MESSAGE = 5000;
/** Marks not yet back: more means the listener is stuck, and it is replaced. */
const MAX_MARKS_OUT = 5;

export interface ProfileChangeFeedOptions {
  service: string;
  databaseUrl: string;
  nc: NatsConnection;
  /** How often a message goes out when nothing changes, so gateways know the feed is unbroken. */
  beatMs: number;
  warn: (message: string) => void;
}

/**
 * A service's profile change feed: announces to the gateways, right after each commit, the
 * customers whose profile parts changed (ProfileFeedMessage on ProfileFeedSubjects.changes).
 *
 * It listens on its own database connection to the notices the profile_changes trigger sends
 * (CreateProfileChangeFeed): Postgres delivers them at commit, in commit order, none lost while
 * the connection lasts. A sync request is answered after a mark the feed sends itself has come
 * back, and so after every change committed before the request was announced, on the same NATS
 * connection as the answer. When the database connection is lost, notices may have been missed:
 * the feed starts again under a new id, which the gateways see as a break.
 */
export class ProfileChangeFeed {
  private client: Client | null = null;
  private feed = '';
  private seq = 0;
  private marks = 0;
  private readonly marksOut = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly pending = new Map<string, [string, string]>();
  private flushQueued = false;
  /** Marks are sent one after another on the listening connection. */
  private marking: Promise<unknown> = Promise.resolve();
  private unsentMark: Promise<void> | null = null;
  private beat: NodeJS.Timeout | null = null;
  private syncs: Subscription | null = null;
  private stopped = false;

  constructor(private readonly options: ProfileChangeFeedOptions) {}

  /** The current feed's id (new after each lost listener). */
  get id(): string {
    return this.feed;
  }

  /** Starts listening; resolves once the feed is (its database may still be starting: then it keeps trying). */
  async start(): Promise<void> {
    const { nc, service } = this.options;
    this.syncs = nc.subscribe(ProfileFeedSubjects.sync(service), {
      callback: (err, msg) => {
        // Unanswered, the asker times out and stops taking this service's word for its copies.
        if (!err) this.sync().then(() => msg.respond(JSON.stringify({ feed: this.feed })), () => undefined);
      },
    });
    this.beat = setInterval(() => void this.sync().catch(() => undefined), this.options.beatMs);
    await this.listenUntilListening();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.beat) clearInterval(this.beat);
    this.syncs?.unsubscribe();
    const client = this.client;
    if (client) {
      this.publish(true);
      this.client = null;
      await client.end().catch(() => undefined);
    }
  }

  /** Resolves once every change committed before the call has been announced. */
  sync(): Promise<void> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('the profile change feed is not listening'));
    // A mark not sent yet is sent after this call, so it covers this call too.
    if (this.unsentMark) return this.unsentMark;
    if (this.marksOut.size >= MAX_MARKS_OUT) {
      this.lost(client, new Error(`${MAX_MARKS_OUT} marks did not come back`));
      return Promise.reject(new Error('the profile change feed is not listening'));
    }
    const n = ++this.marks;
    const mark = new Promise<void>((resolve, reject) => this.marksOut.set(n, { resolve, reject }));
    this.unsentMark = mark;
    this.marking = this.marking.then(() => {
      if (this.unsentMark === mark) this.unsentMark = null;
      return client.query(`SELECT pg_notify('${CHANNEL}', $1)`, [`${MARK}${this.feed}:${n}`]).catch((e) => this.lost(client, e));
    });
    return mark;
  }

  private async listenUntilListening(): Promise<void> {
    while (!this.stopped) {
      try {
        return await this.listen();
      } catch (e) {
        this.options.warn(`Profile change feed not listening yet: ${(e as Error)?.message ?? e}`);
        await new Promise((resolve) => setTimeout(resolve, 1000).unref());
      }
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.service}-profile-feed` });
    client.on('notification', (notice) => {
      if (this.client === client) this.noticed(notice.payload ?? '');
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    if (this.stopped) return void (await client.end());
    this.feed = randomUUID();
    this.seq = 0;
    this.client = client;
    this.publish(); // the new feed's first message: gateways count from here
  }

  private noticed(payload: string): void {
    if (payload.startsWith(MARK)) {
      const [feed, n] = payload.slice(MARK.length).split(':');
      if (feed !== this.feed) return; // another replica's mark
      this.publish();
      for (const [m, waiter] of this.marksOut) {
        if (m > Number(n)) break;
        this.marksOut.delete(m);
        waiter.resolve();
      }
      return;
    }
    try {
      const { t, c } = JSON.parse(payload) as { t: string; c: string[] };
      for (const customer of c) this.pending.set(`${t}|${customer}`, [t, customer]);
    } catch {
      this.options.warn(`Profile change notice not understood: ${payload.slice(0, 200)}`);
    }
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => {
        this.flushQueued = false;
        if (this.pending.size > 0 && this.client) this.publish();
      });
    }
  }

  private publish(closing = false): void {
    let changes = [...this.pending.values()];
    this.pending.clear();
    if (changes.length > MAX_CUSTOMERS_PER_MESSAGE) changes = [...new Set(changes.map(([tenant]) => tenant))].map((tenant) => [tenant, TENANT_WIDE]);
    const message: ProfileFeedMessage = { service: this.options.service, feed: this.feed, seq: ++this.seq, changes, ...(closing ? { closing } : {}) };
    try {
      this.options.nc.publish(ProfileFeedSubjects.changes(this.options.service), JSON.stringify(message));
    } catch (e) {
      // Lost here, the gap in seq tells the gateways.
      this.options.warn(`Profile change feed message not published: ${(e as Error).message}`);
    }
  }

  /** The listener is gone: notices may be lost, so what it had is dropped and a new feed starts. */
  private lost(client: Client, error: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.unsentMark = null;
    this.pending.clear();
    for (const waiter of this.marksOut.values()) waiter.reject(error);
    this.marksOut.clear();
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.options.warn(`Profile change feed lost its database listener (${error.message}); starting a new feed`);
    setTimeout(() => void this.listenUntilListening(), 200).unref();
  }
}
