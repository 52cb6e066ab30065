import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarketingPatterns, type Page, type SegmentCountView, type SegmentMemberView, type SegmentView } from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { CreateSegmentDto, UpdateSegmentDto } from './dto/marketing-inputs.dto';
import { DeletedDto, SegmentCountDto, SegmentMemberPageDto, SegmentPageDto, SegmentViewDto } from './dto/marketing-views.dto';

/** M9: segments by rule, with membership kept current. */
@ApiTags('segments')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('segments')
export class SegmentsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post()
  @ApiOperation({
    summary: 'Create a segment (M9)',
    description:
      'The rule is checked at once: 400 validation_failed with `errors` keyed by the path of each bad part (`rule.all[1].op`). Membership is computed in the background: `status` is computing, then ready.',
  })
  @ApiCreatedResponse({ type: SegmentViewDto })
  @ApiProblems(409)
  create(@Caller() caller: CallContext, @Body() input: CreateSegmentDto): Promise<SegmentView> {
    return this.rpc.send(MarketingPatterns.createSegment, caller, { input });
  }

  @Get()
  @ApiOperation({ summary: 'Segments, oldest first' })
  @ApiOkResponse({ type: SegmentPageDto })
  list(@Caller() caller: CallContext, @Query() query: PageQueryDto): Promise<Page<SegmentView>> {
    return this.rpc.send(MarketingPatterns.listSegments, caller, { query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One segment' })
  @ApiOkResponse({ type: SegmentViewDto })
  @ApiProblems(404)
  get(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<SegmentView> {
    return this.rpc.send(MarketingPatterns.getSegment, caller, { id });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a segment or change its rule (a new rule recomputes the membership)', description: 'A rule that would make segments read each other in a cycle is 400.' })
  @ApiOkResponse({ type: SegmentViewDto })
  @ApiProblems(404, 409)
  update(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Body() input: UpdateSegmentDto): Promise<SegmentView> {
    return this.rpc.send(MarketingPatterns.updateSegment, caller, { id, input });
  }

  @Delete(':id')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Delete a segment', description: 'Owner or admin; 409 segment_in_use while another segment’s rule or a draft mailing names it.' })
  @ApiOkResponse({ type: DeletedDto })
  @ApiProblems(404, 409)
  delete(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<DeletedDto> {
    return this.rpc.send(MarketingPatterns.deleteSegment, caller, { id });
  }

  @Get(':id/customers')
  @ApiOperation({ summary: 'The segment’s members (customer id order), with name and email' })
  @ApiOkResponse({ type: SegmentMemberPageDto })
  @ApiProblems(404)
  members(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: PageQueryDto): Promise<Page<SegmentMemberView>> {
    return this.rpc.send(MarketingPatterns.segmentMembers, caller, { id, query });
  }

  @Get(':id/count')
  @ApiOperation({ summary: 'Exact number of members (kept with every change: one row read)' })
  @ApiOkResponse({ type: SegmentCountDto })
  @ApiProblems(404)
  count(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<SegmentCountView> {
    return this.rpc.send(MarketingPatterns.segmentCount, caller, { id });
  }
}
