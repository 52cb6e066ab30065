import type { DynamicModule } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { GatewayConfig } from '../config/gateway-config';
import type { GatewayRequest } from '../http/gateway-request';
import { rateLimitKey, rateLimitTracker } from './tenant-tracker';

/**
 * RATE_LIMIT_PER_MINUTE requests per tenant per minute over the whole API. Counters live in
 * memory: each gateway replica counts on its own.
 */
export function rateLimitModule(config: GatewayConfig): DynamicModule {
  return ThrottlerModule.forRoot({
    throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }],
    getTracker: (req) => rateLimitTracker((req as GatewayRequest).auth, (req as GatewayRequest).ip),
    generateKey: (_context, tracker, name) => rateLimitKey(name, tracker),
  });
}
