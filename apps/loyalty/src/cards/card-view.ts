import type { LoyaltyCardV1, LoyaltyCardView, TenantSettings } from '@app/contracts';
import { localDate } from '@app/common';
import { bonusFigures, type BonusLot } from '../ledger/bonus-lifecycle';
import { visitFigures } from '../ledger/visit-rules';
import { cardLinks, isExpired } from './card-rules';
import type { CardRow } from './cards.repository';

/** A card as the API shows it: stored fields, figures derived from counters and lots at `now`, links. */
export function toCardView(row: CardRow, lots: BonusLot[], settings: TenantSettings, now: Date): LoyaltyCardView {
  return {
    id: row.id,
    serialNumber: row.serialNumber,
    customerId: row.customerId,
    status: row.status,
    device: row.device,
    issuedOn: row.issuedOn,
    expiresOn: row.expiresOn,
    expired: isExpired(row.expiresOn, localDate(now, settings.timeZone)),
    utm: row.utm,
    referralCode: row.referralCode,
    referrerCustomerId: row.referrerCustomerId,
    inviteCode: row.inviteCode,
    referrals: row.referrals,
    referralVisits: row.referralVisits,
    ...visitFigures({
      sold: row.visitsSold,
      used: row.visitsUsed,
      corrected: row.visitsCorrected,
      lastAddedAt: row.lastVisitAddedAt?.toISOString() ?? null,
      lastRefundedAt: row.lastVisitRefundedAt?.toISOString() ?? null,
    }),
    ...bonusFigures(lots, now, { windowDays: settings.bonusDeactivationWindowDays, timeZone: settings.timeZone }),
    ltv: row.ltv,
    currency: row.currency ?? settings.currency,
    links: cardLinks(settings.publicUrl, row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The card in events (LoyaltyCardV1 and its added fields). */
export const toCardEvent = (row: CardRow): LoyaltyCardV1 => ({
  id: row.id,
  serialNumber: row.serialNumber,
  customerId: row.customerId,
  status: row.status,
  device: row.device,
  issuedOn: row.issuedOn,
  expiresOn: row.expiresOn,
  referralCode: row.referralCode,
  referrerCustomerId: row.referrerCustomerId,
  inviteCode: row.inviteCode,
  utm: row.utm,
});
