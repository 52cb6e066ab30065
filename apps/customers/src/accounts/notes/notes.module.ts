import { Module } from '@nestjs/common';
import { AccountSharedModule } from '../shared/account-shared.module';
import { NotesController } from './notes.controller';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';

@Module({ imports: [AccountSharedModule], controllers: [NotesController], providers: [NotesService, NotesRepository], exports: [NotesService] })
export class NotesModule {}
