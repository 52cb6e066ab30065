import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersPatterns } from '@app/contracts';
import { callerOf, customerIdOf, objectOf } from '@app/common';
import { CustomersService } from './customers.service';

type Message = Record<string, unknown>;

/**
 * Customer records over NATS request/reply. Every message is `{ tenantId, actor, ...payload }`;
 * the tenant comes only from that envelope. Handlers check the envelope and delegate.
 */
@Controller()
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  /**
   * customers.customer.create `{ input: CreateCustomerInput }` → CustomerView.
   * Validates names, email syntax, phones (E.164 + type via libphonenumber-js), attributes
   * against the tenant's definitions; 409 email_taken when an address is in use in the tenant.
   * Publishes customer.created.
   */
  @MessagePattern(CustomersPatterns.create)
  create(@Payload() message: Message) {
    return this.customers.create(callerOf(message), objectOf(message.input, 'input'));
  }

  /** customers.customer.get `{ id }` → CustomerView; 404 customer_not_found when absent, deleted or of another tenant. */
  @MessagePattern(CustomersPatterns.get)
  get(@Payload() message: Message) {
    return this.customers.get(callerOf(message), customerIdOf(message.id));
  }

  /** customers.customer.getByEmail `{ email }` → CustomerView; matches primary and other addresses, case-insensitive. */
  @MessagePattern(CustomersPatterns.getByEmail)
  getByEmail(@Payload() message: Message) {
    return this.customers.getByEmail(callerOf(message), message.email);
  }

  /**
   * customers.customer.list `{ query: ListCustomersQuery }` → Page<CustomerView>.
   * `q` searches names (prefix or substring), emails and phones; filters tag,
   * firstSeenFrom/To (dates, inclusive); sort name|registeredAt|firstSeenAt (- for descending,
   * default -registeredAt); keyset cursor. groupId/segmentId: 422 filter_not_available.
   */
  @MessagePattern(CustomersPatterns.list)
  list(@Payload() message: Message) {
    return this.customers.list(callerOf(message), objectOf(message.query, 'query', false));
  }

  /**
   * customers.customer.update `{ id, input: UpdateCustomerInput }` → CustomerView.
   * Absent fields stay; null clears. A new `email` follows C3 (409 email_change_not_allowed
   * unless the actor is this customer or the current address is invalid/bounced); `phone`
   * replaces the primary number; otherEmails/otherPhones add; `tags` replaces the set;
   * `attributes` merges (null removes). Publishes customer.updated with the changed fields.
   */
  @MessagePattern(CustomersPatterns.update)
  update(@Payload() message: Message) {
    return this.customers.update(callerOf(message), customerIdOf(message.id), objectOf(message.input, 'input'));
  }

  /**
   * customers.customer.delete `{ id }` → `{ id, deleted: true }`. Erases personal data and
   * publishes customer.deleted (with the addresses) in the same transaction.
   */
  @MessagePattern(CustomersPatterns.delete)
  delete(@Payload() message: Message) {
    return this.customers.delete(callerOf(message), customerIdOf(message.id));
  }

  /** customers.email.setStatus `{ id, address, status }` → CustomerView; 404 email_not_found for an address the customer lacks. */
  @MessagePattern(CustomersPatterns.setEmailStatus)
  setEmailStatus(@Payload() message: Message) {
    return this.customers.setEmailStatus(callerOf(message), customerIdOf(message.id), message.address, message.status);
  }
}
