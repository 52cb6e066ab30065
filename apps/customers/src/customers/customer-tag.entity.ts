import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tag on a customer (C8); indexed (tenant_id, tag, customer_id) for "customers with this tag". */
@Entity('customer_tags')
export class CustomerTagEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId: string;

  @PrimaryColumn('text')
  tag: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
