import { Module } from '@nestjs/common';
import { BonusLotsRepository } from '../ledger/bonus-lots.repository';
import { SharedModule } from '../shared/shared.module';
import { CardViews } from './card-views.service';
import { CardsController } from './cards.controller';
import { CardsRepository } from './cards.repository';
import { CardsService } from './cards.service';

/** Loyalty cards (L1, L10). A card's view shows its bonus lots, so the lots repository lives here too. */
@Module({
  imports: [SharedModule],
  controllers: [CardsController],
  providers: [CardsRepository, BonusLotsRepository, CardViews, CardsService],
  exports: [CardsService, CardsRepository, BonusLotsRepository, CardViews],
})
export class CardsModule {}
