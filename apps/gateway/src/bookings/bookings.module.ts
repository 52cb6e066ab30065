import { Module } from '@nestjs/common';
import { BookingsController } from './bookings.controller';
import { CustomerBookingsController } from './customer-bookings.controller';
import { CustomerGroupsController } from './customer-groups.controller';
import { MembershipsController } from './memberships.controller';
import { PassesVouchersController } from './passes-vouchers.controller';
import { ScheduleEntriesController } from './schedule-entries.controller';

/** HTTP edge of the bookings service: validate, call one RPC, answer. */
@Module({
  controllers: [ScheduleEntriesController, BookingsController, CustomerGroupsController, MembershipsController, PassesVouchersController, CustomerBookingsController],
})
export class BookingsModule {}
