import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CustomersB2BPatterns as P,
  type AccountSalesRepView,
  type BrandView,
  type CustomerBrandView,
  type Deleted,
  type Page,
  type SalesRepView,
} from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import {
  AccountSalesRepViewDto,
  BrandPageDto,
  BrandViewDto,
  CreateBrandDto,
  CreateSalesRepDto,
  CustomerBrandPageDto,
  CustomerBrandViewDto,
  ListCustomerBrandsQueryDto,
  SalesRepPageDto,
  SalesRepViewDto,
  SetAccountSalesRepDto,
  SetCustomerBrandDto,
  UpdateBrandDto,
  UpdateSalesRepDto,
} from './dto/brand.dto';
import { DeletedDto } from './dto/common.dto';

/**
 * C15: the tenant's brands and sales reps with their commission rates (owner, admin), a
 * customer's sales rep and brands (Active/Potential), each with the effective rate and its
 * source: the customer's rate > the sales rep's (for the brand, then overall) > the brand's.
 */
@ApiTags('brands')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller()
export class BrandsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get('brands')
  @ApiOperation({ summary: 'The tenant’s brands by name' })
  @ApiOkResponse({ type: BrandPageDto })
  listBrands(@Caller() caller: CallContext, @Query() query: PageQueryDto): Promise<Page<BrandView>> {
    return this.rpc.send(P.listBrands, caller, { query });
  }

  @Post('brands')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Add a brand with its default commission rate (owner, admin); 409 brand_exists for a name in use' })
  @ApiCreatedResponse({ type: BrandViewDto })
  @ApiProblems(409)
  createBrand(@Caller() caller: CallContext, @Body() input: CreateBrandDto): Promise<BrandView> {
    return this.rpc.send(P.createBrand, caller, { input });
  }

  @Patch('brands/:brandId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Rename a brand or change its default rate (owner, admin)' })
  @ApiOkResponse({ type: BrandViewDto })
  @ApiProblems(409)
  updateBrand(@Caller() caller: CallContext, @Param('brandId', ParseUuidPipe) brandId: string, @Body() input: UpdateBrandDto): Promise<BrandView> {
    return this.rpc.send(P.updateBrand, caller, { brandId, input });
  }

  @Delete('brands/:brandId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Delete a brand (owner, admin); 409 brand_in_use while a customer has it' })
  @ApiOkResponse({ type: DeletedDto })
  @ApiProblems(409)
  deleteBrand(@Caller() caller: CallContext, @Param('brandId', ParseUuidPipe) brandId: string): Promise<Deleted> {
    return this.rpc.send(P.deleteBrand, caller, { brandId });
  }

  @Get('sales-reps')
  @ApiOperation({ summary: 'The tenant’s sales reps with their rates, by name' })
  @ApiOkResponse({ type: SalesRepPageDto })
  listSalesReps(@Caller() caller: CallContext, @Query() query: PageQueryDto): Promise<Page<SalesRepView>> {
    return this.rpc.send(P.listSalesReps, caller, { query });
  }

  @Post('sales-reps')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Add a sales rep with an overall default rate and/or rates per brand (owner, admin)' })
  @ApiCreatedResponse({ type: SalesRepViewDto })
  @ApiProblems(409)
  createSalesRep(@Caller() caller: CallContext, @Body() input: CreateSalesRepDto): Promise<SalesRepView> {
    return this.rpc.send(P.createSalesRep, caller, { input });
  }

  @Patch('sales-reps/:salesRepId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Change a sales rep (owner, admin); brandRates replaces the rep’s brand rates' })
  @ApiOkResponse({ type: SalesRepViewDto })
  @ApiProblems(409)
  updateSalesRep(@Caller() caller: CallContext, @Param('salesRepId', ParseUuidPipe) salesRepId: string, @Body() input: UpdateSalesRepDto): Promise<SalesRepView> {
    return this.rpc.send(P.updateSalesRep, caller, { salesRepId, input });
  }

  @Delete('sales-reps/:salesRepId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Delete a sales rep (owner, admin); their customers are left without one' })
  @ApiOkResponse({ type: DeletedDto })
  deleteSalesRep(@Caller() caller: CallContext, @Param('salesRepId', ParseUuidPipe) salesRepId: string): Promise<Deleted> {
    return this.rpc.send(P.deleteSalesRep, caller, { salesRepId });
  }

  @Get('customers/:id/sales-rep')
  @ApiOperation({ summary: 'The customer’s sales rep' })
  @ApiOkResponse({ type: AccountSalesRepViewDto })
  getSalesRep(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<AccountSalesRepView> {
    return this.rpc.send(P.getAccountSalesRep, caller, { id });
  }

  @Put('customers/:id/sales-rep')
  @ApiOperation({ summary: 'Set the customer’s sales rep (one per account; null: none)' })
  @ApiOkResponse({ type: AccountSalesRepViewDto })
  setSalesRep(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Body() body: SetAccountSalesRepDto): Promise<AccountSalesRepView> {
    return this.rpc.send(P.setAccountSalesRep, caller, { id, salesRepId: body.salesRepId ?? null });
  }

  @Get('customers/:id/brands')
  @ApiOperation({ summary: 'The customer’s brands by name (tab), each with the effective commission rate and its source; filter status' })
  @ApiOkResponse({ type: CustomerBrandPageDto })
  listCustomerBrands(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: ListCustomerBrandsQueryDto): Promise<Page<CustomerBrandView>> {
    return this.rpc.send(P.listCustomerBrands, caller, { id, query });
  }

  @Put('customers/:id/brands/:brandId')
  @ApiOperation({ summary: 'Set one of the customer’s brands: Active or Potential, the brand’s id for the customer, the customer’s own rate' })
  @ApiOkResponse({ type: CustomerBrandViewDto })
  setCustomerBrand(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Param('brandId', ParseUuidPipe) brandId: string,
    @Body() input: SetCustomerBrandDto,
  ): Promise<CustomerBrandView> {
    return this.rpc.send(P.setCustomerBrand, caller, { id, brandId, input });
  }

  @Delete('customers/:id/brands/:brandId')
  @ApiOperation({ summary: 'Remove a brand from the customer' })
  @ApiOkResponse({ type: DeletedDto })
  removeCustomerBrand(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('brandId', ParseUuidPipe) brandId: string): Promise<Deleted> {
    return this.rpc.send(P.removeCustomerBrand, caller, { id, brandId });
  }
}
