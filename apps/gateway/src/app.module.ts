import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard } from '@nestjs/throttler';
import { loggingModule } from '@app/platform';
import { AccountsModule } from './accounts/accounts.module';
import { AccessGuard } from './auth/access.guard';
import { AuthGuard } from './auth/auth.guard';
import type { GatewayConfig } from './config/gateway-config';
import { GatewayConfigModule } from './config/gateway-config.module';
import { BookingsModule } from './bookings/bookings.module';
import { CustomersModule } from './customers/customers.module';
import { ProblemFilter } from './errors/problem.filter';
import { HealthModule } from './health/health.module';
import { LoyaltyModule } from './loyalty/loyalty.module';
import { MarketingModule } from './marketing/marketing.module';
import { createValidationPipe } from './http/validation.pipe';
import { rateLimitModule } from './rate-limit/rate-limit.module';
import { ProfileModule } from './profile/profile.module';
import { ProfileWriteBarrier } from './profile/profile-write-barrier';
import { RpcModule } from './rpc/rpc.module';
import { SettingsModule } from './settings/settings.module';

@Module({})
export class GatewayAppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        GatewayConfigModule.forRoot(config),
        loggingModule({ service: 'gateway', level: config.logLevel, httpRequests: true }),
        RpcModule.register(config),
        rateLimitModule(config),
        HealthModule,
        CustomersModule,
        SettingsModule,
        BookingsModule,
        LoyaltyModule,
        MarketingModule,
        ProfileModule,
        AccountsModule,
      ],
      providers: [
        // Guards run in this order: who is calling, then the tenant's rate limit, then role rules.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: ProfileWriteBarrier },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
