import { Module } from '@nestjs/common';

/** HTTP edge of the bookings service: validate, call one RPC, answer. */
@Module({ controllers: [], providers: [] })
export class BookingsModule {}
