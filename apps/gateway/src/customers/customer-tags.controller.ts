import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersPatterns, type CustomerView, type Page } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { ParseTagPipe, ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { AddTagDto } from './dto/add-tag.dto';
import { CustomerPageDto, CustomerViewDto } from './dto/customer-view.dto';
import { PageQueryDto } from '../http/page-query.dto';

/** C8: tags on a customer, and the customers with a tag. */
@ApiTags('tags')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller()
export class CustomerTagsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post('customers/:id/tags')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a tag to a customer (adding one it has changes nothing)' })
  @ApiOkResponse({ type: CustomerViewDto })
  @ApiProblems(404)
  add(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Body() body: AddTagDto): Promise<CustomerView> {
    return this.rpc.send(CustomersPatterns.addTag, caller, { id, tag: body.tag });
  }

  @Delete('customers/:id/tags/:tag')
  @ApiOperation({ summary: 'Remove a tag from a customer' })
  @ApiOkResponse({ type: CustomerViewDto })
  @ApiProblems(404)
  remove(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('tag', ParseTagPipe) tag: string): Promise<CustomerView> {
    return this.rpc.send(CustomersPatterns.removeTag, caller, { id, tag });
  }

  @Get('tags/:tag/customers')
  @ApiOperation({ summary: 'List the customers with a tag' })
  @ApiOkResponse({ type: CustomerPageDto })
  listCustomers(@Caller() caller: CallContext, @Param('tag', ParseTagPipe) tag: string, @Query() query: PageQueryDto): Promise<Page<CustomerView>> {
    return this.rpc.send(CustomersPatterns.listByTag, caller, { tag, query });
  }
}
