import { Module } from '@nestjs/common';
import { CustomerDeletionsController } from './customer-deletions.controller';
import { CustomerDeletions } from './customer-deletions';

/** The audit of deletions (C18). */
@Module({ controllers: [CustomerDeletionsController], providers: [CustomerDeletions], exports: [CustomerDeletions] })
export class DeletionsModule {}
