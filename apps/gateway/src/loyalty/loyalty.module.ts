import { Module } from '@nestjs/common';

/** HTTP edge of the loyalty service: validate, call one RPC, answer. */
@Module({ controllers: [], providers: [] })
export class LoyaltyModule {}
