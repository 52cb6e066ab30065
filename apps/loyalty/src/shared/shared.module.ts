import { Module } from '@nestjs/common';
import { LiveCustomers } from './live-customers.service';
import { WriteTransaction } from './write-transaction.service';

@Module({ providers: [LiveCustomers, WriteTransaction], exports: [LiveCustomers, WriteTransaction] })
export class SharedModule {}
