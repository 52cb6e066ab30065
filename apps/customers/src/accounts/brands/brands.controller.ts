import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersB2BErrorCodes, CustomersB2BPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { BrandsService } from './brands.service';
import { CustomerBrandsService } from './customer-brands.service';

type Message = Record<string, unknown>;
const brandIdOf = (value: unknown) => idOf(value, 'Brand', CustomersB2BErrorCodes.brandNotFound);
const salesRepIdOf = (value: unknown) => idOf(value, 'Sales rep', CustomersB2BErrorCodes.salesRepNotFound);

/** Brands, sales reps and a customer's brands with commission (C15) over NATS; shapes in CustomersB2BPatterns. */
@Controller()
export class BrandsController {
  constructor(
    private readonly brands: BrandsService,
    private readonly customerBrands: CustomerBrandsService,
  ) {}

  @MessagePattern(CustomersB2BPatterns.listBrands)
  listBrands(@Payload() message: Message) {
    return this.brands.listBrands(callerOf(message), objectOf(message.query, 'query', false));
  }

  @MessagePattern(CustomersB2BPatterns.createBrand)
  createBrand(@Payload() message: Message) {
    return this.brands.createBrand(callerOf(message), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.updateBrand)
  updateBrand(@Payload() message: Message) {
    return this.brands.updateBrand(callerOf(message), brandIdOf(message.brandId), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.deleteBrand)
  deleteBrand(@Payload() message: Message) {
    return this.brands.deleteBrand(callerOf(message), brandIdOf(message.brandId));
  }

  @MessagePattern(CustomersB2BPatterns.listSalesReps)
  listSalesReps(@Payload() message: Message) {
    return this.brands.listSalesReps(callerOf(message), objectOf(message.query, 'query', false));
  }

  @MessagePattern(CustomersB2BPatterns.createSalesRep)
  createSalesRep(@Payload() message: Message) {
    return this.brands.createSalesRep(callerOf(message), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.updateSalesRep)
  updateSalesRep(@Payload() message: Message) {
    return this.brands.updateSalesRep(callerOf(message), salesRepIdOf(message.salesRepId), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.deleteSalesRep)
  deleteSalesRep(@Payload() message: Message) {
    return this.brands.deleteSalesRep(callerOf(message), salesRepIdOf(message.salesRepId));
  }

  @MessagePattern(CustomersB2BPatterns.getAccountSalesRep)
  getAccountSalesRep(@Payload() message: Message) {
    return this.customerBrands.getSalesRep(callerOf(message), customerIdOf(message.id));
  }

  @MessagePattern(CustomersB2BPatterns.setAccountSalesRep)
  setAccountSalesRep(@Payload() message: Message) {
    return this.customerBrands.setSalesRep(callerOf(message), customerIdOf(message.id), message.salesRepId);
  }

  @MessagePattern(CustomersB2BPatterns.listCustomerBrands)
  listCustomerBrands(@Payload() message: Message) {
    return this.customerBrands.list(callerOf(message), customerIdOf(message.id), objectOf(message.query, 'query', false));
  }

  @MessagePattern(CustomersB2BPatterns.setCustomerBrand)
  setCustomerBrand(@Payload() message: Message) {
    return this.customerBrands.set(callerOf(message), customerIdOf(message.id), brandIdOf(message.brandId), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.removeCustomerBrand)
  removeCustomerBrand(@Payload() message: Message) {
    return this.customerBrands.remove(callerOf(message), customerIdOf(message.id), brandIdOf(message.brandId));
  }
}
