import { runMain, startService } from '@app/platform';
import { MarketingAppModule } from './app.module';
import { marketingDatabase } from './database';

runMain(() => startService({ service: 'marketing', database: marketingDatabase, appModule: (config) => MarketingAppModule.register(config) }));
