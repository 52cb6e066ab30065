import { Module } from '@nestjs/common';
import { AccountStore } from './account-store.service';

@Module({ providers: [AccountStore], exports: [AccountStore] })
export class AccountSharedModule {}
