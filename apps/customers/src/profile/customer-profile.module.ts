import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AttributesModule } from '../attributes/attributes.module';
import { BookingProfilesModule } from '../booking-profiles/booking-profiles.module';
import { ConsentsModule } from '../consents/consents.module';
import { CustomersModule } from '../customers/customers.module';
import { HistoryModule } from '../history/history.module';
import { CustomerProfileController } from './customer-profile.controller';
import { CustomerProfileService } from './customer-profile.service';

/** The customers service's part of the aggregated profile (P1) and of the export (C18). */
@Module({
  imports: [CustomersModule, AttributesModule, BookingProfilesModule, ConsentsModule, HistoryModule, AccountsModule],
  controllers: [CustomerProfileController],
  providers: [CustomerProfileService],
})
export class CustomerProfileModule {}
