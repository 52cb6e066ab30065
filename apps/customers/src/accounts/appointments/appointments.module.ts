import { Module } from '@nestjs/common';
import { AccountSharedModule } from '../shared/account-shared.module';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

@Module({ imports: [AccountSharedModule], controllers: [AppointmentsController], providers: [AppointmentsService, AppointmentsRepository], exports: [AppointmentsService] })
export class AppointmentsModule {}
