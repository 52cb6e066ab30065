import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentStatus } from '@app/contracts';

/** The current status of one consent field of a customer (C7): always the latest history entry. */
@Entity('consents')
export class ConsentEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text')
  status: ConsentStatus;

  @Column('text')
  source: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
