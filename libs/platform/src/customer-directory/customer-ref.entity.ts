import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A service's local copy of the customer facts it needs, kept from customer events.
 * Another service's tables are never read; this projection is how it knows a customer.
 */
@Entity('customer_refs')
@Index('customer_refs_email', ['tenantId', 'email'])
export class CustomerRefEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { name: 'first_name', nullable: true })
  firstName: string | null;

  @Column('text', { name: 'last_name', nullable: true })
  lastName: string | null;

  @Column('timestamptz', { name: 'source_updated_at' })
  sourceUpdatedAt: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}
