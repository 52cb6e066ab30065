import { ConfigError, runMain, startService } from '@app/platform';
import { MarketingAppModule } from './app.module';
import { marketingDatabase } from './database';
import { readMarketingSettings, type MarketingSettings } from './marketing-settings';

let settings: MarketingSettings;
try {
  settings = readMarketingSettings();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`marketing: ${e.message}\n`);
  process.exit(78); // EX_CONFIG
}

runMain(() =>
  startService({ service: 'marketing', database: marketingDatabase, appModule: (config) => MarketingAppModule.register(config, settings) }),
);
