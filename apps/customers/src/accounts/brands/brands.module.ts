import { Module } from '@nestjs/common';
import { AccountSharedModule } from '../shared/account-shared.module';
import { BrandsController } from './brands.controller';
import { BrandsRepository } from './brands.repository';
import { BrandsService } from './brands.service';
import { CustomerBrandsService } from './customer-brands.service';

@Module({ imports: [AccountSharedModule], controllers: [BrandsController], providers: [BrandsService, CustomerBrandsService, BrandsRepository], exports: [CustomerBrandsService] })
export class BrandsModule {}
