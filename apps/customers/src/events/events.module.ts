import { Module } from '@nestjs/common';
import { BookingProfilesModule } from '../booking-profiles/booking-profiles.module';
import { DeletionsModule } from '../deletions/deletions.module';
import { HistoryModule } from '../history/history.module';
import { BookingsStreamConsumer } from './bookings-stream.consumer';
import { CustomersStreamConsumer } from './customers-stream.consumer';
import { LoyaltyStreamConsumer } from './loyalty-stream.consumer';
import { MarketingStreamConsumer } from './marketing-stream.consumer';

/** Every event the customers service consumes, one durable consumer per stream. */
@Module({
  imports: [BookingProfilesModule, HistoryModule, DeletionsModule],
  providers: [CustomersStreamConsumer, BookingsStreamConsumer, LoyaltyStreamConsumer, MarketingStreamConsumer],
})
export class EventsModule {}
