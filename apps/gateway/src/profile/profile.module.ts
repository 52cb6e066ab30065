import { Module } from '@nestjs/common';
import { ProfileController } from './profile.controller';
import { ProfileService } from './profile.service';

/** The aggregated profile and the export, over the four services. */
@Module({ controllers: [ProfileController], providers: [ProfileService] })
export class ProfileModule {}
