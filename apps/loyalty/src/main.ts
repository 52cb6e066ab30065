import { ConfigError, runMain, startService } from '@app/platform';
import { LoyaltyAppModule } from './app.module';
import { loyaltyDatabase } from './database';
import { readLoyaltySettings, type LoyaltySettings } from './loyalty-settings';

let settings: LoyaltySettings;
try {
  settings = readLoyaltySettings();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`loyalty: ${e.message}\n`);
  process.exit(78); // EX_CONFIG
}

runMain(() => startService({ service: 'loyalty', database: loyaltyDatabase, appModule: (config) => LoyaltyAppModule.register(config, settings) }));
