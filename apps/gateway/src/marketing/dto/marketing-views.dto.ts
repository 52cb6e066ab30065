import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, POLL_QUESTION_TYPES } from '@app/contracts';

/** Documentation of the marketing service's answers (the gateway passes them on). */
const REASONS = ['unsubscribed', 'no_email', 'invalid_email', 'no_phone', 'invalid_phone', 'landline', 'no_mobile_phone', 'no_card', 'card_not_installed', 'no_consent', 'customer_deleted'];
const OUTCOMES = ['pending', 'sent', 'control_group', 'excluded', 'failed'];

export class SubscriptionCategoryViewDto {
  @ApiProperty({ example: 'newsletter' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SubscriptionViewDto {
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty() category: string;
  @ApiProperty() categoryName: string;
  @ApiProperty({ description: 'Opt-in: false until the customer subscribes' }) subscribed: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt: string | null;
  @ApiProperty({ description: 'Subscribed and reachable on the channel now (C2)' }) eligible: boolean;
  @ApiProperty({ nullable: true, enum: REASONS }) reason: string | null;
}
export class SubscriptionPageDto {
  @ApiProperty({ type: [SubscriptionViewDto] }) items: SubscriptionViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SegmentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) rule: object;
  @ApiProperty({ description: 'Exact number of members' }) memberCount: number;
  @ApiProperty({ enum: ['computing', 'ready'], description: 'computing while the membership is recomputed after a rule change' }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) computedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
export class SegmentPageDto {
  @ApiProperty({ type: [SegmentViewDto] }) items: SegmentViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
export class SegmentCountDto {
  @ApiProperty() count: number;
  @ApiProperty({ enum: ['computing', 'ready'] }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) computedAt: string | null;
}
export class SegmentMemberDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'date-time' }) since: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
}
export class SegmentMemberPageDto {
  @ApiProperty({ type: [SegmentMemberDto] }) items: SegmentMemberDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
export class CustomerSegmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) since: string;
}
export class CustomerSegmentPageDto {
  @ApiProperty({ type: [CustomerSegmentDto] }) items: CustomerSegmentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
export { DeletedDto } from '../../http/deleted.dto';

export class MailingCountsDto {
  @ApiProperty() audience: number;
  @ApiProperty() pending: number;
  @ApiProperty() sent: number;
  @ApiProperty() controlGroup: number;
  @ApiProperty() excluded: number;
  @ApiProperty() failed: number;
}
export class MailingViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['mass', 'campaign'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) campaign: string | null;
  @ApiProperty({ format: 'uuid' }) segmentId: string;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty() category: string;
  @ApiProperty() controlGroupPercent: number;
  @ApiProperty({ nullable: true, type: String }) subject: string | null;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String }) promoCodePoolId: string | null;
  @ApiProperty({ nullable: true, type: String }) requiredConsent: string | null;
  @ApiProperty({ enum: ['draft', 'sending', 'sent'] }) status: string;
  @ApiProperty({ type: MailingCountsDto }) counts: MailingCountsDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Excluded recipients by reason (X2)' }) excludedByReason?: Record<string, number>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sendRequestedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt: string | null;
}
export class MailingPageDto {
  @ApiProperty({ type: [MailingViewDto] }) items: MailingViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
export class MailingRecipientDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: OUTCOMES }) outcome: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why excluded (X2)' }) reason: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String }) promoCode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
export class MailingRecipientPageDto {
  @ApiProperty({ type: [MailingRecipientDto] }) items: MailingRecipientDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
export class CustomerMailingDto {
  @ApiProperty({ format: 'uuid' }) mailingId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['mass', 'campaign'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) campaign: string | null;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: OUTCOMES }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ description: 'In the control group: deliberately not sent' }) controlGroup: boolean;
  @ApiProperty({ nullable: true, type: String }) promoCode: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
}
export class CustomerMailingPageDto {
  @ApiProperty({ type: [CustomerMailingDto] }) items: CustomerMailingDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
export class PushMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String }) cardSerialNumber: string | null;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
}
export class PushMessagePageDto {
  @ApiProperty({ type: [PushMessageDto] }) items: PushMessageDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PoolCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() issued: number;
  @ApiProperty() redeemed: number;
  @ApiProperty() available: number;
}
export class PromoCodePoolViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: PoolCountsDto }) counts: PoolCountsDto;
}
export class PromoCodePoolPageDto {
  @ApiProperty({ type: [PromoCodePoolViewDto] }) items: PromoCodePoolViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
export class PromoCodeViewDto {
  @ApiProperty() code: string;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ nullable: true, type: String }) customerId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) issuedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) redeemedAt: string | null;
}
export class CustomerPromoCodeDto {
  @ApiProperty() code: string;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty() poolName: string;
  @ApiProperty({ nullable: true, type: String }) mailingId: string | null;
  @ApiProperty({ nullable: true, type: String }) mailingName: string | null;
  @ApiProperty({ nullable: true, type: String }) campaign: string | null;
  @ApiProperty({ description: 'Given again to a customer who still held it unredeemed' }) reissued: boolean;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) redeemedAt: string | null;
}
export class CustomerPromoCodePageDto {
  @ApiProperty({ type: [CustomerPromoCodeDto] }) items: CustomerPromoCodeDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PollQuestionViewDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: POLL_QUESTION_TYPES }) type: string;
  @ApiProperty({ nullable: true, type: [String] }) options: string[] | null;
  @ApiProperty() required: boolean;
}
export class PollViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: [PollQuestionViewDto] }) questions: PollQuestionViewDto[];
  @ApiProperty() responseCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
export class PollPageDto {
  @ApiProperty({ type: [PollViewDto] }) items: PollViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
export class PollResponseViewDto {
  @ApiProperty({ format: 'uuid' }) pollId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) answers: object;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
}
export class PollResultsDto {
  @ApiProperty({ format: 'uuid' }) pollId: string;
  @ApiProperty() responses: number;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Per question: answered, options (choice: responses per option), average (rating)' }) questions: object[];
}
export class CustomerPollDto {
  @ApiProperty({ format: 'uuid' }) pollId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) answers: object[];
}
export class CustomerPollPageDto {
  @ApiProperty({ type: [CustomerPollDto] }) items: CustomerPollDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TrackRejectionDto {
  @ApiProperty({ description: 'Position in the batch (0 for a single event)' }) index: number;
  @ApiProperty({ example: 'validation_failed', description: 'validation_failed, customer_not_found, or service_unavailable (send again)' }) code: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }) errors: Record<string, string[]>;
}
export class TrackResultDto {
  @ApiProperty() accepted: number;
  @ApiProperty({ description: 'Events whose eventId was stored before' }) duplicates: number;
  @ApiProperty({ type: [TrackRejectionDto] }) rejected: TrackRejectionDto[];
}
export class WebActivityDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['visit', 'category_view', 'product_view', 'page_view', 'cart_add', 'cart_remove', 'order'] }) type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) category: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) product: object | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'Orders: purchaseId, number, total, currency, status' }) order: object | null;
}
export class WebActivityPageDto {
  @ApiProperty({ type: [WebActivityDto] }) items: WebActivityDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
export class InterestDto {
  @ApiProperty() category: string;
  @ApiProperty() views: number;
  @ApiProperty({ format: 'date-time' }) lastViewedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
export class InterestPageDto {
  @ApiProperty({ type: [InterestDto], description: 'At most ten' }) items: InterestDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
export class CartItemDto {
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Unit price, minor units' }) price: number | null;
  @ApiProperty({ nullable: true, type: String }) currency: string | null;
  @ApiProperty() quantity: number;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}
export class CartItemPageDto {
  @ApiProperty({ type: [CartItemDto] }) items: CartItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
