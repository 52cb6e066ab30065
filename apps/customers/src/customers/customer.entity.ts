import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttributeValue, CustomerKind, Gender, Utm } from '@app/contracts';

/**
 * One customer of a tenant. The columns `search_text` (kept by triggers) and `sort_name`
 * (generated) are Postgres's own, see the migration, and used only by the list query.
 * A deleted customer keeps its row (id, tenant, dates) with the personal data erased.
 */
@Entity('customers')
export class CustomerEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  kind: CustomerKind;

  @Column('text', { name: 'first_name', nullable: true })
  firstName: string | null;

  @Column('text', { name: 'last_name', nullable: true })
  lastName: string | null;

  @Column('text', { name: 'company_name', nullable: true })
  companyName: string | null;

  @Column('text', { nullable: true })
  gender: Gender | null;

  @Column('date', { name: 'birth_date', nullable: true })
  birthDate: string | null;

  @Column('text', { nullable: true })
  country: string | null;

  @Column('text', { nullable: true })
  city: string | null;

  @Column('text', { nullable: true })
  source: string | null;

  @Column('jsonb', { nullable: true })
  utm: Utm | null;

  @Column('jsonb')
  attributes: Record<string, AttributeValue>;

  @Column('timestamptz', { name: 'registered_at' })
  registeredAt: Date;

  /** When the customer was first seen; the registration time until another source knows better. */
  @Column('timestamptz', { name: 'first_seen_at' })
  firstSeenAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}
