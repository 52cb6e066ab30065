import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { callerOf, objectOf } from '@app/common';
import { CustomersPatterns } from '@app/contracts';
import { TenantSettingsService } from './tenant-settings.service';

type Message = Record<string, unknown>;

/** Tenant settings over NATS. */
@Controller()
export class TenantSettingsController {
  constructor(private readonly settings: TenantSettingsService) {}

  /** customers.settings.get `{}` → TenantSettings (defaults for what was never set). */
  @MessagePattern(CustomersPatterns.getSettings)
  get(@Payload() message: Message) {
    return this.settings.get(callerOf(message));
  }

  /** customers.settings.update `{ input: Partial<TenantSettings> }` → TenantSettings; publishes customers.tenant.settingsChanged. */
  @MessagePattern(CustomersPatterns.updateSettings)
  update(@Payload() message: Message) {
    return this.settings.update(callerOf(message), objectOf(message.input, 'input'));
  }
}
