import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { NatsReadiness } from './nats-readiness';

@Module({ controllers: [HealthController], providers: [NatsReadiness] })
export class HealthModule {}
