import { Module } from '@nestjs/common';
import { ProfileController } from './profile.controller';
import { ProfileFeedListener } from './profile-feed-listener';
import { ProfileService } from './profile.service';

/** The aggregated profile and the export, over the four services. */
@Module({ controllers: [ProfileController], providers: [ProfileService, ProfileFeedListener], exports: [ProfileFeedListener] })
export class ProfileModule {}
