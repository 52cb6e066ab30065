import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthPattern } from '@app/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';

export function healthPingController(service: string) {
  @Controller()
  class HealthPingController {
    constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

    @MessagePattern(healthPattern(service))
    ping() {
      return { service: this.config.service, status: 'ok' };
    }
  }
  return HealthPingController;
}
