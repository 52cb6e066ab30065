import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { BookingErrorCodes, BookingsPatterns } from '@app/contracts';
import { OffersService } from '../offers/offers.service';
import { GroupsService } from './groups.service';

type Message = Record<string, unknown>;
const groupIdOf = (value: unknown) => idOf(value, 'Customer group', BookingErrorCodes.groupNotFound);

/** Customer groups, their members and offers over NATS. */
@Controller()
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly offers: OffersService,
  ) {}

  /** bookings.group.create `{ input: { name, description? } }` → CustomerGroupView (kind manual). */
  @MessagePattern(BookingsPatterns.createGroup)
  create(@Payload() message: Message) {
    return this.groups.create(callerOf(message), objectOf(message.input, 'input'));
  }

  /** bookings.group.get `{ id }` → CustomerGroupView with member and pending counts. */
  @MessagePattern(BookingsPatterns.getGroup)
  get(@Payload() message: Message) {
    return this.groups.get(callerOf(message), groupIdOf(message.id));
  }

  /** bookings.group.list `{ query }` → Page<CustomerGroupView>, oldest first. */
  @MessagePattern(BookingsPatterns.listGroups)
  list(@Payload() message: Message) {
    return this.groups.list(callerOf(message), objectOf(message.query, 'query', false));
  }

  /** bookings.group.addMembers `{ id, emails }` → AddMembersResult (added, already_member, or pending for unknown emails). */
  @MessagePattern(BookingsPatterns.addGroupMembers)
  addMembers(@Payload() message: Message) {
    return this.groups.addMembers(callerOf(message), groupIdOf(message.id), message.emails);
  }

  /** bookings.group.listMembers `{ id, query }` → Page<GroupMemberView> (members and pending emails). */
  @MessagePattern(BookingsPatterns.listGroupMembers)
  members(@Payload() message: Message) {
    return this.groups.members(callerOf(message), groupIdOf(message.id), objectOf(message.query, 'query', false));
  }

  /** bookings.group.removeMember `{ id, customerId }` → { removed: true }; 409 membership_group_member for a subscriber. */
  @MessagePattern(BookingsPatterns.removeGroupMember)
  removeMember(@Payload() message: Message) {
    return this.groups.removeMember(callerOf(message), groupIdOf(message.id), customerIdOf(message.customerId));
  }

  /** bookings.group.assignCustomer `{ customerId, groupIds }` → the customer's groups. */
  @MessagePattern(BookingsPatterns.assignCustomerGroups)
  assign(@Payload() message: Message) {
    return this.groups.assignCustomer(callerOf(message), customerIdOf(message.customerId), message.groupIds);
  }

  /** bookings.offer.create `{ id, input: CreateOfferInput }` → OfferView. */
  @MessagePattern(BookingsPatterns.createOffer)
  createOffer(@Payload() message: Message) {
    return this.offers.create(callerOf(message), groupIdOf(message.id), objectOf(message.input, 'input'));
  }

  /** bookings.offer.list `{ id }` → OfferView[] (live offers, oldest first: the first that allows a booking is used). */
  @MessagePattern(BookingsPatterns.listOffers)
  listOffers(@Payload() message: Message) {
    return this.offers.list(callerOf(message), groupIdOf(message.id));
  }

  /** bookings.offer.delete `{ id, offerId }` → { deleted: true }. */
  @MessagePattern(BookingsPatterns.deleteOffer)
  deleteOffer(@Payload() message: Message) {
    return this.offers.delete(callerOf(message), groupIdOf(message.id), idOf(message.offerId, 'Offer', BookingErrorCodes.offerNotFound));
  }
}
