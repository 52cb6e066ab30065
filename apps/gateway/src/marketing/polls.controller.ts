import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarketingPatterns, type Page, type PollResponseView, type PollResultsView, type PollView } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { CreatePollDto, PollResponseDto } from './dto/marketing-inputs.dto';
import { PollPageDto, PollResponseViewDto, PollResultsDto, PollViewDto } from './dto/marketing-views.dto';

/** M5: polls with questions and customers' responses. */
@ApiTags('polls')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('polls')
export class PollsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post()
  @ApiOperation({ summary: 'Create a poll (single choice, multiple choice, text and 1-5 rating questions)' })
  @ApiCreatedResponse({ type: PollViewDto })
  create(@Caller() caller: CallContext, @Body() input: CreatePollDto): Promise<PollView> {
    return this.rpc.send(MarketingPatterns.createPoll, caller, { input });
  }

  @Get()
  @ApiOperation({ summary: 'Polls, newest first' })
  @ApiOkResponse({ type: PollPageDto })
  list(@Caller() caller: CallContext, @Query() query: PageQueryDto): Promise<Page<PollView>> {
    return this.rpc.send(MarketingPatterns.listPolls, caller, { query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One poll with its questions' })
  @ApiOkResponse({ type: PollViewDto })
  @ApiProblems(404)
  get(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<PollView> {
    return this.rpc.send(MarketingPatterns.getPoll, caller, { id });
  }

  @Post(':id/responses')
  @ApiOperation({ summary: 'Record a customer’s answers (once per customer)', description: 'Answers are checked against the questions (400 with errors per `answers.<question>`); 409 poll_already_answered.' })
  @ApiCreatedResponse({ type: PollResponseViewDto })
  @ApiProblems(404, 409)
  respond(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Body() input: PollResponseDto): Promise<PollResponseView> {
    return this.rpc.send(MarketingPatterns.respondPoll, caller, { id, input });
  }

  @Get(':id/results')
  @ApiOperation({ summary: 'Results: responses per option, average rating' })
  @ApiOkResponse({ type: PollResultsDto })
  @ApiProblems(404)
  results(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<PollResultsView> {
    return this.rpc.send(MarketingPatterns.pollResults, caller, { id });
  }
}
