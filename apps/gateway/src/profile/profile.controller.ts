import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CustomersPatterns, PROFILE_TAB_DEFAULT_LIMIT, PROFILE_TAB_MAX_LIMIT, type CustomerView } from '@app/contracts';
import { canSeeCustomer, customerNotFound } from '../auth/access-rules';
import { PortalAccess } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ParseEmailPipe, ParseUuidPipe } from '../http/param.pipes';
import { IsOptionalNotNull } from '../http/validation.decorators';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { ProfileService } from './profile.service';

/** The profile is answered as the JSON ProfileService made (or kept). */
const PROFILE_JSON = 'application/json; charset=utf-8';

export class ProfileQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: PROFILE_TAB_MAX_LIMIT, default: PROFILE_TAB_DEFAULT_LIMIT, description: 'Items of each tab in the profile' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PROFILE_TAB_MAX_LIMIT)
  tabLimit?: number;
}

const PROFILE_DESCRIPTION =
  'P1: `summary` (contact data with warnings, booking summary, card, visit and bonus figures, LTV, purchase metrics with the RFM segment, ' +
  'average rating, segments, groups, the custom attributes the tenant shows, in order) and `sections`: each tab’s first page (`tabLimit` items) as ' +
  '`{ status: "ok", data, link }`, or `{ status: "unavailable", reason, link }` when its service failed or did not answer within PROFILE_TIMEOUT_MS; ' +
  'the answer is still 200 and `summary.unavailable` names those services. `link` is the section’s own endpoint (its `nextCursor` continues there). ' +
  'A portal token reads only its own profile, without the staff sections (notes, tasks, appointments, locations, contacts, brands, attachments, history).';

/** P1 the aggregated profile, P3 by email, C18 export. */
@ApiTags('customer profile')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('customers')
export class ProfileController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly rpc: RpcGateway,
  ) {}

  @Get('by-email/:email/profile')
  @Header('Content-Type', PROFILE_JSON)
  @PortalAccess()
  @ApiOperation({ summary: 'P3: the whole profile of the customer with this email (any of theirs)', description: PROFILE_DESCRIPTION })
  @ApiOkResponse({ description: '{ summary, sections }' })
  async byEmail(@Caller() caller: CallContext, @Param('email', ParseEmailPipe) email: string, @Query() query: ProfileQueryDto) {
    const customer = await this.rpc.send<CustomerView>(CustomersPatterns.getByEmail, caller, { email });
    if (!canSeeCustomer(caller.auth, customer.id)) throw customerNotFound();
    return this.profiles.profile(caller, customer.id, query.tabLimit);
  }

  @Get(':id/profile')
  @Header('Content-Type', PROFILE_JSON)
  @PortalAccess()
  @ApiOperation({ summary: 'P1: the whole profile in one call', description: PROFILE_DESCRIPTION })
  @ApiOkResponse({ description: '{ summary, sections }' })
  profile(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: ProfileQueryDto) {
    return this.profiles.profile(caller, id, query.tabLimit);
  }

  @Get(':id/export')
  @PortalAccess()
  @ApiOperation({
    summary: 'C18: everything every service holds on the customer, as one JSON document',
    description: '`{ customerId, exportedAt, customers, bookings, loyalty, marketing }`. Complete or not at all: 503 naming the services that did not answer. Attachments are listed with their metadata; their content is at `/attachments/{id}/content`. A portal token exports its own data.',
  })
  @ApiOkResponse({ description: 'The export' })
  export(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string) {
    return this.profiles.export(caller, id);
  }
}
