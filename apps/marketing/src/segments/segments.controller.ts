import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MarketingErrorCodes, MarketingPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { SegmentsService } from './segments.service';

type Message = Record<string, unknown>;
const segmentIdOf = (value: unknown) => idOf(value, 'Segment', MarketingErrorCodes.segmentNotFound);

/** Segments (M9) over NATS. */
@Controller()
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  /**
   * marketing.segment.create `{ input: { name, description?, rule } }` → SegmentView. The rule is
   * checked at once (400 validation_failed with `errors` keyed by the path of each bad part,
   * e.g. `rule.all[1].op`); membership is computed in the background (status computing → ready).
   */
  @MessagePattern(MarketingPatterns.createSegment)
  create(@Payload() message: Message) {
    return this.segments.create(callerOf(message), objectOf(message.input, 'input'));
  }

  /** marketing.segment.update `{ id, input }` → SegmentView; a changed rule recomputes the membership. */
  @MessagePattern(MarketingPatterns.updateSegment)
  update(@Payload() message: Message) {
    return this.segments.update(callerOf(message), segmentIdOf(message.id), objectOf(message.input, 'input'));
  }

  /** marketing.segment.delete `{ id }` → `{ id, deleted: true }`; 409 segment_in_use while a segment rule or a draft mailing names it. */
  @MessagePattern(MarketingPatterns.deleteSegment)
  delete(@Payload() message: Message) {
    return this.segments.delete(callerOf(message), segmentIdOf(message.id));
  }

  /** marketing.segment.get `{ id }` → SegmentView */
  @MessagePattern(MarketingPatterns.getSegment)
  get(@Payload() message: Message) {
    return this.segments.get(callerOf(message), segmentIdOf(message.id));
  }

  /** marketing.segment.list `{ query }` → Page<SegmentView> */
  @MessagePattern(MarketingPatterns.listSegments)
  list(@Payload() message: Message) {
    return this.segments.list(callerOf(message), objectOf(message.query, 'query', false));
  }

  /** marketing.segment.members `{ id, query }` → Page<SegmentMemberView> */
  @MessagePattern(MarketingPatterns.segmentMembers)
  members(@Payload() message: Message) {
    return this.segments.members(callerOf(message), segmentIdOf(message.id), objectOf(message.query, 'query', false));
  }

  /** marketing.segment.count `{ id }` → `{ count, status, computedAt }` (exact) */
  @MessagePattern(MarketingPatterns.segmentCount)
  count(@Payload() message: Message) {
    return this.segments.count(callerOf(message), segmentIdOf(message.id));
  }

  /** marketing.customer.segments `{ customerId, query }` → Page<CustomerSegmentView> */
  @MessagePattern(MarketingPatterns.customerSegments)
  customerSegments(@Payload() message: Message) {
    return this.segments.customerSegments(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }
}
