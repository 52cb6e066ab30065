import { PartialType } from '@nestjs/swagger';
import type { UpdateCustomerInput } from '@app/contracts';
import { CreateCustomerDto } from './create-customer.dto';

/**
 * Fields to change: absent fields stay as they are, `null` clears an optional field. Changing `email` follows
 * rule C3: staff only while the current email is flagged invalid, the customer via a portal token.
 */
export class UpdateCustomerDto extends PartialType(CreateCustomerDto) implements UpdateCustomerInput {}
