import { ConfigError, runMain, startService } from '@app/platform';
import { CustomersAppModule } from './app.module';
import { readCustomersSettings, type CustomersSettings } from './customers-settings';
import { customersDatabase } from './database';

let settings: CustomersSettings;
try {
  settings = readCustomersSettings();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`customers: ${e.message}\n`);
  process.exit(78); // EX_CONFIG
}

runMain(() =>
  startService({ service: 'customers', database: customersDatabase, appModule: (config) => CustomersAppModule.register(config, settings) }),
);
