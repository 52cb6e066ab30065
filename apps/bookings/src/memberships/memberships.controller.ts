import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { callerOf, idOf, objectOf } from '@app/common';
import { BookingErrorCodes, BookingsPatterns } from '@app/contracts';
import { MembershipsService } from './memberships.service';

type Message = Record<string, unknown>;

@Controller()
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  /** bookings.membershipPlan.create `{ input: { name, description?, price, currency?, period } }` → MembershipPlanView (with its group). */
  @MessagePattern(BookingsPatterns.createPlan)
  createPlan(@Payload() message: Message) {
    return this.memberships.createPlan(callerOf(message), objectOf(message.input, 'input'));
  }

  /** bookings.membershipPlan.list `{ query }` → Page<MembershipPlanView>. */
  @MessagePattern(BookingsPatterns.listPlans)
  listPlans(@Payload() message: Message) {
    return this.memberships.listPlans(callerOf(message), objectOf(message.query, 'query', false));
  }

  /** bookings.membership.subscribe `{ input: { planId, customerId, startsAt? }, idempotencyKey? }` → MembershipView. */
  @MessagePattern(BookingsPatterns.subscribe)
  subscribe(@Payload() message: Message) {
    return this.memberships.subscribe(callerOf(message), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** bookings.membership.cancel `{ id, mode: end_of_period | immediate }` → MembershipView. */
  @MessagePattern(BookingsPatterns.cancelMembership)
  cancel(@Payload() message: Message) {
    return this.memberships.cancel(callerOf(message), idOf(message.id, 'Membership', BookingErrorCodes.membershipNotFound), message.mode);
  }
}
