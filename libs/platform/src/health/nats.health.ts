import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION } from '../messaging/nats.connection';

@Injectable()
export class NatsHealthIndicator {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key = 'nats') {
    const indicator = this.indicators.check(key);
    if (this.nc.isClosed()) return indicator.down({ message: 'connection closed' });
    try {
      await Promise.race([this.nc.flush(), new Promise((_, reject) => setTimeout(() => reject(new Error('flush timed out')), 1000))]);
      return indicator.up();
    } catch (e) {
      return indicator.down({ message: e.message });
    }
  }
}
