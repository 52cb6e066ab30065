import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { ProfileFeedSubjects, SERVICES, type ProfileFeedMessage } from '@app/contracts';
import { connectNats } from '@app/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { ProfileCopies } from './profile-copies';
import { ProfileFeeds } from './profile-feeds';

/**
 * The gateway's profile copies and what the services' change feeds say about them: listens to
 * every service's feed on a NATS connection of its own, and syncs the feeds after a write (the
 * answers to a sync arrive on the same connection after the changes they cover).
 */
@Injectable()
export class ProfileFeedListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProfileFeedListener.name);
  readonly copies: ProfileCopies;
  readonly feeds: ProfileFeeds;
  private nc: NatsConnection | null = null;
  private pruning: NodeJS.Timeout | null = null;
  private destroyed = false;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.copies = new ProfileCopies(config.profileCopiesMb * 1024 * 1024);
    this.feeds = new ProfileFeeds(config.profileFeedSilenceMs, (customer) => this.copies.changed(customer));
  }

  onApplicationBootstrap(): void {
    if (this.config.profileCopiesMb === 0 || this.config.profileFeedSilenceMs === 0) return;
    // In the background: until the feeds are heard every profile is asked for, as without them.
    void this.listen();
    this.pruning = setInterval(() => this.feeds.prune(), 10_000);
    this.pruning.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    if (this.pruning) clearInterval(this.pruning);
    await this.nc?.drain().catch(() => undefined);
  }

  /** After a write: resolves once every service's feed has announced everything committed before now. */
  async syncAll(): Promise<void> {
    const nc = this.nc;
    if (!nc || nc.isClosed()) return; // nothing is vouched for without feeds
    await Promise.all(
      SERVICES.map((service) =>
        nc.request(ProfileFeedSubjects.sync(service), '{}', { timeout: this.config.profileTimeoutMs }).then(
          () => undefined,
          () => this.feeds.unsynced(service),
        ),
      ),
    );
  }

  private async listen(): Promise<void> {
    let nc: NatsConnection | null = null;
    while (!nc && !this.destroyed) {
      nc = await connectNats(this.config.natsUrl, 'gateway-profile-feeds').catch(async (e) => {
        this.logger.warn(`Profile feeds not listened to yet: ${e?.message ?? e}`);
        await new Promise((resolve) => setTimeout(resolve, 1000).unref());
        return null;
      });
    }
    if (!nc) return;
    if (this.destroyed) return void (await nc.close());
    this.nc = nc;
    for (const service of SERVICES) {
      // A callback, not an iterator: messages are applied in the order they arrive, before any later reply is seen.
      nc.subscribe(ProfileFeedSubjects.changes(service), {
        callback: (err, msg) => {
          if (err) return this.feeds.broken();
          try {
            this.feeds.receive(msg.json<ProfileFeedMessage>());
          } catch {
            this.feeds.broken();
          }
        },
      });
    }
    for await (const status of nc.status()) {
      if (['disconnect', 'reconnect', 'slowConsumer', 'staleConnection', 'error', 'close'].includes(status.type)) this.feeds.broken();
    }
  }
}
