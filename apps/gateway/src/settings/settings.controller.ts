import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersPatterns, type TenantSettings } from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { SettingsViewDto, UpdateSettingsDto } from './update-settings.dto';

/** The tenant's settings (owned by the customers service; other services keep a copy from its events). */
@ApiTags('settings')
@ApiBearerAuth()
@ApiProblems(401, 403, 429, 503)
@Controller('settings')
export class SettingsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get()
  @ApiOperation({ summary: 'The tenant’s settings (defaults until changed)' })
  @ApiOkResponse({ type: SettingsViewDto })
  get(@Caller() caller: CallContext): Promise<TenantSettings> {
    return this.rpc.send(CustomersPatterns.getSettings, caller);
  }

  @Patch()
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Change tenant settings',
    description: 'Owner or admin. Other services pick up the change from an event within moments.',
  })
  @ApiOkResponse({ type: SettingsViewDto })
  @ApiProblems(400)
  update(@Caller() caller: CallContext, @Body() input: UpdateSettingsDto): Promise<TenantSettings> {
    return this.rpc.send(CustomersPatterns.updateSettings, caller, { input });
  }
}
