import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { NATS_CONNECTION } from '../messaging/nats.connection';
import { ProfileChangeFeed } from './profile-change-feed';
import { ProfileDocumentStore } from './profile-document-store';

/** The service's ProfileDocumentStore (PROFILE_DOCUMENTS), collecting stale documents every PROFILE_COLLECT_MS. */
@Injectable()
export class ProfileDocuments extends ProfileDocumentStore implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProfileDocuments.name);
  private timer: NodeJS.Timeout | null = null;
  private collecting: Promise<void> | null = null;

  constructor(dataSource: DataSource, @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {
    super(dataSource, config.profileDocuments, (message) => this.logger.warn(message));
  }

  onApplicationBootstrap(): void {
    if (this.config.profileDocuments) this.timer = setInterval(() => this.collectInBackground(), this.config.profileCollectMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.collecting;
  }

  private collectInBackground(): void {
    if (this.collecting) return;
    this.collecting = this.collect()
      .then(
        () => undefined,
        (e) => this.logger.warn(`Profile document collection failed: ${e?.message ?? e}`),
      )
      .finally(() => (this.collecting = null));
  }
}

/** The service's ProfileChangeFeed (with PROFILE_DOCUMENTS on; PROFILE_FEED_BEAT_MS 0 turns it off). */
@Injectable()
export class ProfileFeedRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProfileFeedRelay.name);
  private feed: ProfileChangeFeed | null = null;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.profileDocuments || this.config.profileFeedBeatMs === 0) return;
    this.feed = new ProfileChangeFeed({
      service: this.config.service,
      databaseUrl: this.config.databaseUrl,
      nc: this.nc,
      beatMs: this.config.profileFeedBeatMs,
      warn: (message) => this.logger.warn(message),
    });
    void this.feed.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.feed?.stop();
  }
}
