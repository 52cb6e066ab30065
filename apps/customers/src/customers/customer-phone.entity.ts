import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContactStatus, PhoneType } from '@app/contracts';

/** A phone number of a customer in E.164, with the type the phone library detected. */
@Entity('customer_phones')
export class CustomerPhoneEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId: string;

  @PrimaryColumn('text')
  number: string;

  @Column('text')
  type: PhoneType;

  @Column('text')
  status: ContactStatus;

  @Column('boolean', { name: 'is_primary' })
  isPrimary: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
