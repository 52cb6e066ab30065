import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@app/common';
import type { MarketingCustomerExport, MarketingCustomerSummary } from '@app/contracts';
import { TabsWithRows } from '@app/platform';
import { ActivityTabsService, toActivityView, toCartView } from '../activity/activity-tabs.service';
import { iso, isoNow } from '../common/paging';
import { KnownCustomers } from '../customers/known-customers.service';
import { SegmentsService } from '../segments/segments.service';
import { MailingsService, toCustomerMailingView } from '../mailings/mailings.service';
import { PushService, toPushView } from '../mailings/push.service';
import { PollsService, toCustomerPollView } from '../polls/polls.service';
import { PromoCodesService, toIssueView } from '../promo-codes/promo-codes.service';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';

/** The tabs most customers have nothing in (see TabsWithRows). */
const TAB_PROBES = {
  pushMessages: 'FROM push_messages WHERE tenant_id = $1 AND customer_id = $2',
  promoCodes: 'FROM promo_code_issues WHERE tenant_id = $1 AND customer_id = $2',
  polls: 'FROM poll_responses WHERE tenant_id = $1 AND customer_id = $2',
  abandonedCart: 'FROM cart_items WHERE tenant_id = $1 AND customer_id = $2',
};

/**
 * What the aggregated profile (P1) and the customer export (C18) need from marketing, each in
 * one call: the summary (segments, subscriptions, top interests) and everything held on the
 * customer.
 */
@Injectable()
export class CustomerProfileService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: KnownCustomers,
    private readonly subscriptions: SubscriptionsService,
    private readonly activity: ActivityTabsService,
    private readonly mailings: MailingsService,
    private readonly promoCodes: PromoCodesService,
    private readonly polls: PollsService,
    private readonly push: PushService,
    private readonly segments: SegmentsService,
  ) {}

  /** The summary and the first page of each marketing tab of the profile (P1), read at once. */
  async profile(caller: Caller, customerId: string, limit: number) {
    const query = { limit };
    const present = TabsWithRows.of(this.dataSource.manager, caller.tenantId, customerId, TAB_PROBES);
    const [subscriptions, segments, interests, mailings, pushMessages, promoCodes, polls, abandonedCart, webActivity] = await Promise.all([
      this.subscriptions.allOfCustomer(caller, customerId),
      this.segments.allOfCustomer(caller, customerId),
      this.activity.interests(caller, customerId),
      this.mailings.customerMailings(caller, customerId, query),
      present.then((tabs) => tabs.read('pushMessages', () => this.push.customerMessages(caller, customerId, query))),
      present.then((tabs) => tabs.read('promoCodes', () => this.promoCodes.customerCodes(caller, customerId, query))),
      present.then((tabs) => tabs.read('polls', () => this.polls.customerPolls(caller, customerId, query))),
      present.then((tabs) => tabs.read('abandonedCart', () => this.activity.cart(caller, customerId, query))),
      this.activity.activity(caller, customerId, query),
    ]);
    // The summary's lists and the tabs' first pages come from the same reads.
    const summary: MarketingCustomerSummary = { customerId, segments: segments.all, subscriptions: subscriptions.all, interests: interests.items };
    return {
      summary,
      tabs: {
        subscriptions: subscriptions.firstPage(limit),
        mailings,
        pushMessages,
        promoCodes,
        polls,
        interests,
        abandonedCart,
        webActivity,
        segments: segments.firstPage(limit),
      },
    };
  }

  /** When the clock alone next changes the marketing part: only the interests do (the oldest counted view leaves the window). */
  changesByClockAt(tenantId: string, customerId: string, after: Date): Promise<Date | null> {
    return this.activity.interestsChangeAt(this.dataSource.manager, tenantId, customerId, after);
  }

  async summary(caller: Caller, customerId: string): Promise<MarketingCustomerSummary> {
    const [segments, subscriptions, interests] = await Promise.all([
      this.segments.allOfCustomer(caller, customerId),
      this.subscriptions.allOfCustomer(caller, customerId),
      this.activity.topInterests(this.dataSource.manager, caller.tenantId, customerId),
    ]);
    return { customerId, segments: segments.all, subscriptions: subscriptions.all, interests };
  }

  /** Everything marketing holds on the customer, in one read-only transaction (a consistent snapshot). */
  async export(caller: Caller, customerId: string): Promise<MarketingCustomerExport> {
    const { tenantId } = caller;
    await this.customers.assertLive(tenantId, customerId);
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const q = (sql: string) => em.query(sql, [tenantId, customerId]);
      const [facts] = await q(`SELECT email, email_state, sms_phone, phone_state FROM customer_facts WHERE tenant_id = $1 AND customer_id = $2`);
      const subscriptions = await q(`SELECT channel, category, subscribed, updated_at FROM subscriptions WHERE tenant_id = $1 AND customer_id = $2 ORDER BY category, channel`);
      const segments = await q(
        `SELECT s.id, s.name, m.since FROM segment_members m JOIN segments s ON s.tenant_id = m.tenant_id AND s.id = m.segment_id
          WHERE m.tenant_id = $1 AND m.customer_id = $2 ORDER BY lower(s.name), s.id`,
      );
      const pushes = await q(`SELECT * FROM push_messages WHERE tenant_id = $1 AND customer_id = $2 ORDER BY created_at DESC, id DESC`);
      const web = await q(`SELECT id::text, type, at, url, category, product, details FROM web_events WHERE tenant_id = $1 AND customer_id = $2 ORDER BY at DESC, id DESC`);
      const cart = await q(`SELECT sku, name, price, currency, quantity, added_at FROM cart_items WHERE tenant_id = $1 AND customer_id = $2 ORDER BY added_at DESC, sku DESC`);
      return {
        customerId,
        contact: facts ? { email: facts.email, emailState: facts.email_state, smsPhone: facts.sms_phone, phoneState: facts.phone_state } : null,
        subscriptions: subscriptions.map((s: { channel: 'email' | 'sms' | 'push'; category: string; subscribed: boolean; updated_at: Date }) => ({
          channel: s.channel,
          category: s.category,
          subscribed: s.subscribed,
          updatedAt: isoNow(s.updated_at),
        })),
        segments: segments.map((s: { id: string; name: string; since: Date }) => ({ id: s.id, name: s.name, since: iso(s.since)! })),
        mailings: (await this.mailings.customerMailingRows(em, tenantId, customerId, null)).map(toCustomerMailingView),
        pushMessages: pushes.map(toPushView),
        promoCodes: (await this.promoCodes.customerIssueRows(em, tenantId, customerId, null)).map(toIssueView),
        polls: (await this.polls.customerPollRows(em, tenantId, customerId, null)).map(toCustomerPollView),
        webActivity: web.map(toActivityView),
        interests: await this.activity.topInterests(em, tenantId, customerId),
        abandonedCart: cart.map(toCartView),
      };
    });
  }
}
