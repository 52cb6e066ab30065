import { Module } from '@nestjs/common';
import { CustomerLoyaltyController } from './customer-loyalty.controller';
import { FeedbackController } from './feedback.controller';
import { LoyaltyCardsController } from './loyalty-cards.controller';
import { PurchasesController } from './purchases.controller';

/** HTTP edge of the loyalty service: validate, call one RPC, answer. */
@Module({ controllers: [LoyaltyCardsController, PurchasesController, FeedbackController, CustomerLoyaltyController] })
export class LoyaltyModule {}
