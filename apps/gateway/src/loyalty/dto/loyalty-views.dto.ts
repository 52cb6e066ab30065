import { ApiProperty } from '@nestjs/swagger';
import { UtmDto } from '../../customers/dto/utm.dto';
import { CARD_DEVICES, CARD_STATUSES } from './card.dto';
import { PURCHASE_STATUSES } from './purchase.dto';

/** Documentation of the answers (the loyalty service produces them; the gateway passes them on). */
const NEXT_CURSOR = { nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last page' } as const;
const nullableInt = (description?: string) => ({ nullable: true, type: Number, ...(description ? { description } : {}) });
const nullableTime = (description?: string) => ({ nullable: true, type: String, format: 'date-time', ...(description ? { description } : {}) });

export class CardLinksDto {
  @ApiProperty({ nullable: true, type: String, example: 'https://studio.example.com/card/AB12-CD34-EF56', description: '<publicUrl>/card/<serialNumber>; null without the tenant’s publicUrl' })
  setup: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'https://studio.example.com/join?ref=K7M2QX9A', description: '<publicUrl>/join?ref=<inviteCode>' })
  referral: string | null;
}

export class LoyaltyCardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'AB12-CD34-EF56' }) serialNumber: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: CARD_STATUSES }) status: string;
  @ApiProperty({ enum: CARD_DEVICES, nullable: true }) device: string | null;
  @ApiProperty({ format: 'date' }) issuedOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) expiresOn: string | null;
  @ApiProperty({ description: 'The expiry date has passed in the tenant’s time zone' }) expired: boolean;
  @ApiProperty({ type: () => UtmDto, nullable: true }) utm: UtmDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'The code the customer came with' }) referralCode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) referrerCustomerId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'This card’s own referral code' }) inviteCode: string | null;
  @ApiProperty({ description: 'Cards issued with this card’s invite code' }) referrals: number;
  @ApiProperty({ description: 'Visits sold on the cards it referred' }) referralVisits: number;
  @ApiProperty({ description: 'All visits ever added' }) visitsSold: number;
  @ApiProperty({ description: 'Not yet used; never below zero' }) visitsAvailable: number;
  @ApiProperty({ description: 'Subtracted as used' }) visitsRedeemed: number;
  @ApiProperty({ description: 'All subtracted visits, used or corrected' }) totalVisits: number;
  @ApiProperty(nullableTime()) lastVisitAddedAt: string | null;
  @ApiProperty(nullableTime('Last subtraction')) lastVisitRefundedAt: string | null;
  @ApiProperty({ description: 'Active points (pending deactivation included): what can be spent' }) bonusBalance: number;
  @ApiProperty() bonusPendingActivation: number;
  @ApiProperty({ description: 'Active points within the tenant’s window before expiry' }) bonusPendingDeactivation: number;
  @ApiProperty(nullableTime()) nextDeactivationAt: string | null;
  @ApiProperty() nextDeactivationAmount: number;
  @ApiProperty({ description: 'Points that expired unspent' }) bonusExpired: number;
  @ApiProperty({ description: 'Sum of the ledger’s purchase amounts, minor units (L5)' }) ltv: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: CardLinksDto }) links: CardLinksDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class LoyaltyCardPageDto {
  @ApiProperty({ type: [LoyaltyCardDto] }) items: LoyaltyCardDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

export class ActorDto {
  @ApiProperty({ enum: ['user', 'customer', 'system'] }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({ required: false }) role?: string;
}

export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: ['visits', 'bonus'] }) kind: string;
  @ApiProperty({ enum: ['add', 'subtract'] }) operation: string;
  @ApiProperty() value: number;
  @ApiProperty({ enum: ['use', 'correction'], nullable: true }) reason: string | null;
  @ApiProperty(nullableInt('Minor units')) purchaseAmount: number | null;
  @ApiProperty({ nullable: true, type: String }) currency: string | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty(nullableTime()) activatesAt: string | null;
  @ApiProperty(nullableTime()) expiresAt: string | null;
  @ApiProperty(nullableInt('Bonus additions: points not yet spent')) remaining: number | null;
  @ApiProperty({ enum: ['pending_activation', 'active', 'pending_deactivation', 'expired', 'spent'], nullable: true }) state: string | null;
  @ApiProperty({ type: ActorDto }) actor: ActorDto;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class LedgerEntryPageDto {
  @ApiProperty({ type: [LedgerEntryDto] }) items: LedgerEntryDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

export class LedgerOperationResultDto {
  @ApiProperty({ type: LedgerEntryDto }) entry: LedgerEntryDto;
  @ApiProperty({ type: LoyaltyCardDto, description: 'The card with its figures after the operation' }) card: LoyaltyCardDto;
}

export class PurchaseLineViewDto {
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) category: string | null;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'Unit price, minor units' }) price: number;
  @ApiProperty({ description: 'quantity × price' }) amount: number;
}

export class PurchaseListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: ['receipt', 'order'] }) kind: string;
  @ApiProperty() number: string;
  @ApiProperty({ nullable: true, type: String }) storeId: string | null;
  @ApiProperty({ nullable: true, type: String }) storeName: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ enum: PURCHASE_STATUSES }) status: string;
  @ApiProperty({ description: 'Counts in the metrics: completed receipts, orders not cancelled' }) counted: boolean;
  @ApiProperty() currency: string;
  @ApiProperty() deliveryCost: number;
  @ApiProperty({ description: 'Lines plus delivery, minor units' }) total: number;
  @ApiProperty() itemCount: number;
  @ApiProperty({ nullable: true, type: String }) brand: string | null;
  @ApiProperty({ nullable: true, type: String }) season: string | null;
  @ApiProperty(nullableInt()) year: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PurchaseDto extends PurchaseListItemDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes: Record<string, unknown>;
  @ApiProperty({ type: [PurchaseLineViewDto] }) lines: PurchaseLineViewDto[];
}

export class PurchasePageDto {
  @ApiProperty({ type: [PurchaseListItemDto] }) items: PurchaseListItemDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

export class StoreDto {
  @ApiProperty() storeId: string;
  @ApiProperty({ nullable: true, type: String }) storeName: string | null;
  @ApiProperty() purchaseCount: number;
  @ApiProperty() purchaseTotal: number;
  @ApiProperty({ format: 'date-time' }) lastPurchaseAt: string;
}

export class StorePageDto {
  @ApiProperty({ type: [StoreDto] }) items: StoreDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

export class SalesYearDto {
  @ApiProperty() year: number;
  @ApiProperty() currency: string;
  @ApiProperty() active: number;
  @ApiProperty() booked: number;
  @ApiProperty() cancelled: number;
  @ApiProperty() shipped: number;
  @ApiProperty() completed: number;
  @ApiProperty() returned: number;
  @ApiProperty({ description: 'What counts as sales: completed receipts and orders not cancelled' }) total: number;
  @ApiProperty() purchaseCount: number;
}

export class SalesYearPageDto {
  @ApiProperty({ type: [SalesYearDto] }) items: SalesYearDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

export class FeedbackDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class FeedbackPageDto {
  @ApiProperty({ type: [FeedbackDto] }) items: FeedbackDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
  @ApiProperty({ description: 'Feedback matching the filter' }) count: number;
  @ApiProperty(nullableInt('Average rating of the filter')) averageRating: number | null;
}

export class LoyaltySummaryDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: LoyaltyCardDto, nullable: true, description: 'The card that is not deleted' }) card: LoyaltyCardDto | null;
  @ApiProperty() visitsSold: number;
  @ApiProperty() visitsAvailable: number;
  @ApiProperty() visitsRedeemed: number;
  @ApiProperty() totalVisits: number;
  @ApiProperty(nullableTime()) lastVisitAddedAt: string | null;
  @ApiProperty(nullableTime()) lastVisitRefundedAt: string | null;
  @ApiProperty() bonusBalance: number;
  @ApiProperty() bonusPendingActivation: number;
  @ApiProperty() bonusPendingDeactivation: number;
  @ApiProperty(nullableTime()) nextDeactivationAt: string | null;
  @ApiProperty() nextDeactivationAmount: number;
  @ApiProperty() bonusExpired: number;
  @ApiProperty({ description: 'Purchase amounts of all the customer’s card ledgers' }) ltv: number;
  @ApiProperty() currency: string;
  @ApiProperty() purchaseCount: number;
  @ApiProperty() purchaseTotal: number;
  @ApiProperty(nullableInt()) averagePurchase: number | null;
  @ApiProperty(nullableInt('Two decimals')) averageItems: number | null;
  @ApiProperty(nullableInt()) lastPurchaseTotal: number | null;
  @ApiProperty(nullableTime()) firstPurchaseAt: string | null;
  @ApiProperty(nullableTime()) lastPurchaseAt: string | null;
  @ApiProperty(nullableInt()) daysSinceFirstPurchase: number | null;
  @ApiProperty(nullableInt()) daysSinceLastPurchase: number | null;
  @ApiProperty({
    nullable: true,
    enum: ['champions', 'loyal_customers', 'potential_loyalists', 'new_customers', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cannot_lose_them', 'hibernating', 'lost'],
  })
  rfmSegment: string | null;
  @ApiProperty({ nullable: true, type: String, example: '534', description: 'Recency, frequency, monetary scores 1-5' }) rfmScore: string | null;
  @ApiProperty(nullableInt()) averageRating: number | null;
  @ApiProperty() feedbackCount: number;
}
