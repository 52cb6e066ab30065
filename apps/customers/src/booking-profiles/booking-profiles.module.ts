import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { CustomersModule } from '../customers/customers.module';
import { HistoryModule } from '../history/history.module';
import { BookingProfilesController } from './booking-profiles.controller';
import { BookingProfilesService } from './booking-profiles.service';

/** Profiles from bookings (C5, C6, C7) and the booking facts the customer list filters on. */
@Module({
  imports: [CustomersModule, ConsentsModule, HistoryModule],
  controllers: [BookingProfilesController],
  providers: [BookingProfilesService],
  exports: [BookingProfilesService],
})
export class BookingProfilesModule {}
