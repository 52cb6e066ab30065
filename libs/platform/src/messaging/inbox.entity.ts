import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per event a consumer has processed: a redelivery finds it and changes nothing. */
@Entity('inbox_events')
export class InboxEventEntity {
  @PrimaryColumn('text')
  consumer: string;

  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text')
  type: string;

  @Column('timestamptz', { name: 'processed_at', default: () => 'now()' })
  processedAt: Date;
}
