import { Module } from '@nestjs/common';
import { AccountSharedModule } from '../shared/account-shared.module';
import { LocationsController } from './locations.controller';
import { LocationsRepository } from './locations.repository';
import { LocationsService } from './locations.service';

@Module({ imports: [AccountSharedModule], controllers: [LocationsController], providers: [LocationsService, LocationsRepository], exports: [LocationsService] })
export class LocationsModule {}
