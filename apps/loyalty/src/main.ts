import { runMain, startService } from '@app/platform';
import { LoyaltyAppModule } from './app.module';
import { loyaltyDatabase } from './database';

runMain(() => startService({ service: 'loyalty', database: loyaltyDatabase, appModule: (config) => LoyaltyAppModule.register(config) }));
