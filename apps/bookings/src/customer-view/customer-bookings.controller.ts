import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ProfileDocuments } from '@app/platform';
import { callerOf, customerIdOf, objectOf, profilePartKey, profileTabLimit } from '@app/common';
import { BookingsPatterns } from '@app/contracts';
import { GroupsService } from '../groups/groups.service';
import { PassesService } from '../passes/passes.service';
import { VouchersService } from '../vouchers/vouchers.service';
import { CustomerBookingsService } from './customer-bookings.service';

type Message = Record<string, unknown>;

/** The customer's bookings side of the profile: summary (B3) and tabs. */
@Controller()
export class CustomerBookingsController {
  constructor(
    private readonly view: CustomerBookingsService,
    private readonly passes: PassesService,
    private readonly groups: GroupsService,
    private readonly vouchers: VouchersService,
    private readonly documents: ProfileDocuments,
  ) {}

  /** bookings.customer.profile `{ customerId, tabLimit?, storedAs? }` → { summary, tabs: the first page of each bookings tab } (P1); with storedAs, ConditionalProfilePart. */
  @MessagePattern(BookingsPatterns.customerProfile)
  profile(@Payload() message: Message) {
    const [caller, id, tabLimit] = [callerOf(message), customerIdOf(message.customerId), profileTabLimit(message.tabLimit)];
    return this.documents.answerPart(profilePartKey(caller, id, tabLimit), message.storedAs, () => this.view.profile(caller, id, tabLimit), (readAt) => this.view.changesByClockAt(caller.tenantId, id, readAt));
  }

  /** bookings.customer.summary `{ customerId }` → BookingSummary (zeros and nulls for a customer without bookings). */
  @MessagePattern(BookingsPatterns.customerSummary)
  summary(@Payload() message: Message) {
    return this.view.summary(callerOf(message), customerIdOf(message.customerId));
  }

  /** bookings.customer.bookings `{ customerId, query: { status?, when?, limit?, cursor? } }` → Page<CustomerBookingView>. */
  @MessagePattern(BookingsPatterns.customerBookings)
  bookings(@Payload() message: Message) {
    return this.view.bookings(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }

  /** bookings.customer.passes `{ customerId, query: { status?, limit?, cursor? } }` → Page<PassView>, newest first. */
  @MessagePattern(BookingsPatterns.customerPasses)
  customerPasses(@Payload() message: Message) {
    return this.passes.ofCustomer(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }

  /** bookings.customer.groups `{ customerId, query }` → Page<CustomerGroupMembershipView>. */
  @MessagePattern(BookingsPatterns.customerGroups)
  customerGroups(@Payload() message: Message) {
    return this.groups.groupsOfCustomer(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }

  /** bookings.customer.vouchers `{ customerId, query: { filter?: purchased|redeemed } }` → Page<CustomerVoucherView>; empty: none bought. */
  @MessagePattern(BookingsPatterns.customerVouchers)
  customerVouchers(@Payload() message: Message) {
    return this.vouchers.ofCustomer(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }

  /** bookings.customer.export `{ customerId }` → all bookings data on the customer. */
  @MessagePattern(BookingsPatterns.customerExport)
  export(@Payload() message: Message) {
    return this.view.export(callerOf(message), customerIdOf(message.customerId));
  }
}
