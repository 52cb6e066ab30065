import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { DomainError, ErrorCodes } from '@app/contracts';
import { metricsRegistry } from '@app/platform';
import { Public } from '../auth/auth.decorators';
import { NatsReadiness } from './nats-readiness';

/** Probes and metrics: no token, no rate limit, outside the /v1 prefix. */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller()
export class HealthController {
  constructor(private readonly nats: NatsReadiness) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready() {
    const nats = await this.nats.check();
    if (!nats.up) throw new DomainError(503, ErrorCodes.serviceUnavailable, `NATS is not reachable: ${nats.message}`);
    return { status: 'ok', info: { nats: { status: 'up' } } };
  }

  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
