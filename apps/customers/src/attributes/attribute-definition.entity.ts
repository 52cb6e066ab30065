import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttributeType } from '@app/contracts';

/** A tenant-defined custom attribute (C4); values live in customers.attributes (jsonb). */
@Entity('attribute_definitions')
export class AttributeDefinitionEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text')
  label: string;

  @Column('text')
  type: AttributeType;

  @Column('jsonb', { nullable: true })
  options: string[] | null;

  @Column('boolean')
  required: boolean;

  @Column('integer')
  order: number;

  @Column('boolean', { name: 'show_in_profile' })
  showInProfile: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

export const ATTRIBUTE_KEY_CONSTRAINT = 'attribute_definitions_key_unique';
