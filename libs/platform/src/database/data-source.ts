import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { CreateIdempotencyKeys1700000000200, CreateOutboxAndInbox1700000000000 } from './platform-migrations';
import { CreateProfileDocuments1700000000500 } from '../profile-documents/profile-documents.migration';
import { CreateProfileChangeFeed1700000009000 } from '../profile-documents/profile-change-feed.migration';
import { pgWithReadScopePool } from './read-scope-pool';
import { ServiceDatabaseClient } from './service-database-client';

type Entity = Function | string | EntitySchema;

export interface ServiceDatabaseOptions {
  entities: Entity[];
  /** The service's own migrations, oldest first. The platform's (outbox, inbox and idempotency
   * tables, used through SQL only) run before them; the profile change feed's trigger after. */
  migrations: Function[];
}

export function dataSourceOptions(databaseUrl: string, db: ServiceDatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: db.entities as MixedList<Entity>,
    migrations: [CreateOutboxAndInbox1700000000000, CreateIdempotencyKeys1700000000200, CreateProfileDocuments1700000000500, ...db.migrations, CreateProfileChangeFeed1700000009000],
    migrationsTableName: 'migrations',
    synchronize: false,
    driver: pgWithReadScopePool,
    extra: {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      Client: ServiceDatabaseClient,
      prepareReads: !['false', '0'].includes(process.env.DATABASE_PREPARE_READS ?? ''),
    },
  };
}

/** Runs pending migrations with a short-lived connection; used at start and by the `migrate` command. */
export async function runMigrations(databaseUrl: string, db: ServiceDatabaseOptions): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, db));
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
