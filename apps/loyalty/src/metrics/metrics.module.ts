import { Module } from '@nestjs/common';
import { MetricsRepository } from './metrics.repository';
import { RfmRefresher } from './rfm-refresher.service';
import { RfmScoring } from './rfm-scoring.service';

/** Customer figures (L5, L7) and RFM scoring. */
@Module({ providers: [MetricsRepository, RfmScoring, RfmRefresher], exports: [MetricsRepository, RfmScoring] })
export class MetricsModule {}
