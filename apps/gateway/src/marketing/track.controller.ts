import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarketingPatterns, TRACK_EVENT_TYPES, type TrackResult } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { TrackBodyPipe, TRACK_BATCH_MAX, type TrackBody } from './body.pipes';
import { TrackResultDto } from './dto/marketing-views.dto';

const EVENT_SCHEMA = {
  type: 'object',
  required: ['type'],
  properties: {
    customerId: { type: 'string', format: 'uuid', description: 'Either customerId or email' },
    email: { type: 'string', format: 'email' },
    type: { type: 'string', enum: [...TRACK_EVENT_TYPES] },
    at: { type: 'string', format: 'date-time', description: 'Default: when received; at most 5 minutes ahead, at most 366 days back' },
    url: { type: 'string', description: 'Required for page_view' },
    category: { type: 'string', description: 'Required for category_view; a product view counts towards its product’s category' },
    product: {
      type: 'object',
      properties: { sku: { type: 'string' }, name: { type: 'string' }, price: { type: 'integer', description: 'Minor units' }, currency: { type: 'string' }, quantity: { type: 'integer' }, category: { type: 'string' } },
      description: 'Required for product_view, cart_add (with name) and cart_remove',
    },
    eventId: { type: 'string', description: 'Your id of the event: a repeat is stored once' },
  },
};

/** M6: web activity. */
@ApiTags('web activity')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('track')
export class TrackController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Track web activity: one event, or a batch',
    description: `One event (an object): 200, or 400/404 for a bad event or unknown customer. A batch (a list of up to ${TRACK_BATCH_MAX}): the good events are stored and the bad ones reported by index in \`rejected\` (validation_failed, customer_not_found, or service_unavailable: send those again).`,
  })
  @ApiBody({ schema: { oneOf: [EVENT_SCHEMA, { type: 'array', items: EVENT_SCHEMA, maxItems: TRACK_BATCH_MAX }] } })
  @ApiOkResponse({ type: TrackResultDto })
  @ApiProblems(404)
  track(@Caller() caller: CallContext, @Body(TrackBodyPipe) body: TrackBody): Promise<TrackResult> {
    return this.rpc.send(MarketingPatterns.track, caller, body);
  }
}
