import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContactStatus } from '@app/contracts';

/**
 * An email address of a customer, lower-cased. The primary key (tenant_id, address) makes an
 * address unique in a tenant; a deleted customer's rows are removed, so the address can be
 * used again.
 */
@Entity('customer_emails')
export class CustomerEmailEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('text')
  address: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('text')
  status: ContactStatus;

  @Column('boolean', { name: 'is_primary' })
  isPrimary: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

/** The constraint whose violation means "this address belongs to another customer". */
export const EMAIL_UNIQUE_CONSTRAINT = 'customer_emails_address_unique';
