import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersPatterns, type AttributeDefinitionView } from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { AttributeDefinitionDto } from './dto/attribute-view.dto';
import { CreateAttributeDto } from './dto/create-attribute.dto';

/** C4: the tenant's custom attribute definitions. */
@ApiTags('attributes')
@ApiBearerAuth()
@ApiProblems(401, 403, 429, 503)
@Controller('attributes')
export class AttributesController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get()
  @ApiOperation({ summary: 'List attribute definitions in display order' })
  @ApiOkResponse({ type: [AttributeDefinitionDto] })
  list(@Caller() caller: CallContext): Promise<AttributeDefinitionView[]> {
    return this.rpc.send(CustomersPatterns.listAttributes, caller);
  }

  @Post()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Define a custom attribute (owner or admin)' })
  @ApiCreatedResponse({ type: AttributeDefinitionDto })
  @ApiProblems(400, 409)
  create(@Caller() caller: CallContext, @Body() input: CreateAttributeDto): Promise<AttributeDefinitionView> {
    return this.rpc.send(CustomersPatterns.createAttribute, caller, { input });
  }
}
