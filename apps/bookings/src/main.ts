import { ConfigError, runMain, startService } from '@app/platform';
import { BookingsAppModule } from './app.module';
import { readBookingsSettings, type BookingsSettings } from './bookings-settings';
import { bookingsDatabase } from './database';

let settings: BookingsSettings;
try {
  settings = readBookingsSettings();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`bookings: ${e.message}\n`);
  process.exit(78); // EX_CONFIG
}

runMain(() =>
  startService({ service: 'bookings', database: bookingsDatabase, appModule: (config) => BookingsAppModule.register(config, settings) }),
);
