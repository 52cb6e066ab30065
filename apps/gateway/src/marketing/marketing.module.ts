import { Module } from '@nestjs/common';

/** HTTP edge of the marketing service: validate, call one RPC, answer. */
@Module({ controllers: [], providers: [] })
export class MarketingModule {}
