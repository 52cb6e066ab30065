import { runMain, startService } from '@app/platform';
import { BookingsAppModule } from './app.module';
import { bookingsDatabase } from './database';

runMain(() => startService({ service: 'bookings', database: bookingsDatabase, appModule: (config) => BookingsAppModule.register(config) }));
