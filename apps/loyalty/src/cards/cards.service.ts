import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  conflict,
  invalid,
  LoyaltyErrorCodes,
  LoyaltyEvents,
  LoyaltyPatterns,
  type LoyaltyCardChangedV1,
  type LoyaltyCardIssuedV1,
  type LoyaltyCardView,
  type Page,
} from '@app/contracts';
import { type Caller, decodeCursor, encodeCursor, localDate, pageLimit } from '@app/common';
import { OutboxService, TenantSettingsStore } from '@app/platform';
import { LiveCustomers } from '../shared/live-customers.service';
import { WriteTransaction } from '../shared/write-transaction.service';
import { readIssueCard, readUpdateCard } from './card-input';
import { assertExpiryNotBeforeIssue, initialStatus, newInviteCode, newSerialNumber, normalizeSerialNumber } from './card-rules';
import { toCardEvent } from './card-view';
import { CardViews } from './card-views.service';
import { cardNotFound, CardsRepository, type CardChanges, type CardRow } from './cards.repository';

const CARDS_SORT = 'cards';

/** Loyalty cards (L1, L10): issue, read, change status, expiry and device. */
@Injectable()
export class CardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: CardsRepository,
    private readonly views: CardViews,
    private readonly customers: LiveCustomers,
    private readonly settings: TenantSettingsStore,
    private readonly outbox: OutboxService,
    private readonly tx: WriteTransaction,
  ) {}

  /**
   * Issues a card to a live customer: a new random serial number and invite code; issued today
   * in the tenant's time zone unless an earlier date is given; 422 expiry_before_issue; 409
   * card_exists while the customer has a card that is not deleted. A referral code that is some
   * card's invite code makes that card's customer the referrer (codes are kept as given either way).
   */
  async issue(caller: Caller, input: Record<string, unknown>, idempotencyKey: unknown): Promise<LoyaltyCardView> {
    const { tenantId, actor } = caller;
    const command = readIssueCard(input);
    const now = new Date();
    const settings = await this.customers.settingsFor(tenantId, command.customerId);
    const today = localDate(now, settings.timeZone);
    if (command.issuedOn && command.issuedOn > today) throw invalid({ issuedOn: [`must not be after today (${today})`] });
    const issuedOn = command.issuedOn ?? today;
    assertExpiryNotBeforeIssue(issuedOn, command.expiresOn);

    return this.tx.run(tenantId, idempotencyKey, LoyaltyPatterns.issueCard, input, async (em) => {
      const referrer = command.referralCode ? await this.cards.findByInviteCode(em, tenantId, command.referralCode.toUpperCase()) : null;
      const byOther = referrer && referrer.customerId !== command.customerId ? referrer : null;
      let row: CardRow | null = null;
      for (let attempt = 0; !row; attempt++) {
        if (attempt === 5) throw new Error('Could not draw a free serial number and invite code');
        row = await this.cards.insert(em, tenantId, {
          id: randomUUID(),
          serialNumber: newSerialNumber(),
          customerId: command.customerId,
          status: initialStatus(command.device, command.status),
          device: command.device,
          issuedOn,
          expiresOn: command.expiresOn,
          utm: command.utm,
          referralCode: command.referralCode,
          referrerCustomerId: byOther?.customerId ?? null,
          referrerCardId: byOther?.id ?? null,
          inviteCode: newInviteCode(),
          at: now,
        });
      }
      await this.outbox.enqueue<LoyaltyCardIssuedV1>(em, { type: LoyaltyEvents.cardIssued, tenantId, actor, data: { card: toCardEvent(row) } });
      return this.views.view(em, tenantId, row, settings, now);
    });
  }

  async get(caller: Caller, id: string): Promise<LoyaltyCardView> {
    const em = this.dataSource.manager;
    const [row, settings] = await Promise.all([this.cards.get(em, caller.tenantId, id), this.settings.get(caller.tenantId)]);
    return this.views.view(em, caller.tenantId, row, settings, new Date());
  }

  /** A card by its serial number, however it was typed (case, spaces and dashes do not matter). */
  async getBySerial(caller: Caller, serialNumber: unknown): Promise<LoyaltyCardView> {
    const serial = typeof serialNumber === 'string' ? normalizeSerialNumber(serialNumber) : null;
    if (!serial) throw cardNotFound();
    const em = this.dataSource.manager;
    const row = await this.cards.findBySerial(em, caller.tenantId, serial);
    if (!row) throw cardNotFound();
    return this.views.view(em, caller.tenantId, row, await this.settings.get(caller.tenantId), new Date());
  }

  /**
   * Changes status, expiry date (null removes it) or device. A deleted card stays deleted (409
   * card_deleted for any other change; setting deleted again changes nothing). Publishes
   * card.changed with the fields that changed.
   */
  async update(caller: Caller, id: string, input: Record<string, unknown>): Promise<LoyaltyCardView> {
    const { tenantId, actor } = caller;
    const command = readUpdateCard(input);
    const now = new Date();
    const settings = await this.settings.get(tenantId);
    return this.tx.run(tenantId, undefined, LoyaltyPatterns.updateCard, input, async (em) => {
      const card = await this.cards.get(em, tenantId, id, { lock: true });
      const changes: CardChanges = {};
      if (command.status !== undefined && command.status !== card.status) changes.status = command.status;
      if (command.expiresOn !== undefined && command.expiresOn !== card.expiresOn) changes.expiresOn = command.expiresOn;
      if (command.device !== undefined && command.device !== card.device) changes.device = command.device;
      const changed = Object.keys(changes);
      if (card.status === 'deleted' && changed.length > 0) {
        throw conflict(LoyaltyErrorCodes.cardDeleted, 'The loyalty card is deleted and can no longer be changed; issue a new card instead');
      }
      if (changes.expiresOn !== undefined) assertExpiryNotBeforeIssue(card.issuedOn, changes.expiresOn);
      if (changed.length === 0) return this.views.view(em, tenantId, card, settings, now);
      const row = await this.cards.update(em, tenantId, id, changes, now);
      await this.outbox.enqueue<LoyaltyCardChangedV1>(em, { type: LoyaltyEvents.cardChanged, tenantId, actor, data: { card: toCardEvent(row), changed } });
      return this.views.view(em, tenantId, row, settings, now);
    });
  }

  /** Tab loyalty-card: the customer's cards, newest first, with their figures and links. */
  async listByCustomer(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<LoyaltyCardView>> {
    const { tenantId } = caller;
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, CARDS_SORT);
    const em = this.dataSource.manager;
    const [settings, rows] = await Promise.all([
      this.customers.settingsFor(tenantId, customerId),
      this.cards.listByCustomer(em, tenantId, customerId, after ? { createdAt: after.value, id: after.id } : null, limit),
    ]);
    const page = rows.slice(0, limit);
    const items = await this.views.views(em, tenantId, page, settings, new Date());
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor(CARDS_SORT, { value: last.createdAt.toISOString(), id: last.id }) : null };
  }
}
