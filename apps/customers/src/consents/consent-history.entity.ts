import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsentStatus } from '@app/contracts';

/** Append-only history of consent changes (C7); rows are only removed by a customer's erasure. */
@Entity('consent_history')
export class ConsentHistoryEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId: string;

  /** bigserial: orders entries written in the same instant. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('text')
  key: string;

  @Column('text')
  status: ConsentStatus;

  @Column('text')
  source: string;

  @Column('timestamptz')
  at: Date;
}
