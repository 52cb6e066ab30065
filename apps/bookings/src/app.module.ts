import { Module, type DynamicModule } from '@nestjs/common';
import { CUSTOMER_DIRECTORY_LISTENER, CustomerDirectoryConsumer, PlatformModule, TenantSettingsConsumer, type ServiceConfig } from '@app/platform';
import { BookingsSettingsModule, type BookingsSettings } from './bookings-settings';
import { BookingsController } from './bookings/bookings.controller';
import { BookingsRepository } from './bookings/bookings.repository';
import { BookingsService } from './bookings/bookings.service';
import { CustomerResolver } from './common/customer-resolver';
import { BookingProfilesConsumer } from './customer-view/booking-profiles.consumer';
import { BookingsCustomerListener } from './customer-view/bookings-customer.listener';
import { CustomerBookingsController } from './customer-view/customer-bookings.controller';
import { CustomerBookingsService } from './customer-view/customer-bookings.service';
import { CustomerStats } from './customer-view/customer-stats';
import { bookingsDatabase } from './database';
import { GroupsController } from './groups/groups.controller';
import { GroupsRepository } from './groups/groups.repository';
import { GroupsService } from './groups/groups.service';
import { MembershipSweeper } from './memberships/membership-sweeper';
import { MembershipsController } from './memberships/memberships.controller';
import { MembershipsService } from './memberships/memberships.service';
import { OffersService } from './offers/offers.service';
import { PassesController } from './passes/passes.controller';
import { PassesService } from './passes/passes.service';
import { ScheduleController } from './schedule/schedule.controller';
import { ScheduleRepository } from './schedule/schedule.repository';
import { ScheduleService } from './schedule/schedule.service';
import { VouchersController } from './vouchers/vouchers.controller';
import { VouchersService } from './vouchers/vouchers.service';

/**
 * The bookings service: schedule entries and tickets, bookings with attendees and attendance,
 * customer groups with offers, memberships, passes and vouchers (B1-B8).
 */
@Module({})
export class BookingsAppModule {
  static register(config: ServiceConfig, settings: BookingsSettings): DynamicModule {
    return {
      module: BookingsAppModule,
      imports: [
        PlatformModule.forService({ config, database: bookingsDatabase, consumers: [CustomerDirectoryConsumer, TenantSettingsConsumer] }),
        BookingsSettingsModule.forRoot(settings),
      ],
      controllers: [ScheduleController, BookingsController, GroupsController, MembershipsController, PassesController, VouchersController, CustomerBookingsController],
      providers: [
        CustomerResolver,
        CustomerStats,
        ScheduleRepository,
        ScheduleService,
        BookingsRepository,
        BookingsService,
        GroupsRepository,
        GroupsService,
        OffersService,
        MembershipsService,
        MembershipSweeper,
        PassesService,
        VouchersService,
        CustomerBookingsService,
        BookingProfilesConsumer,
        BookingsCustomerListener,
        { provide: CUSTOMER_DIRECTORY_LISTENER, useExisting: BookingsCustomerListener },
      ],
    };
  }
}
