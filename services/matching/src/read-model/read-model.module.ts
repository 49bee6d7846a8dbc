import { Module } from '@nestjs/common';
import { ReadModelEventsController } from './read-model.events.controller';
import { ReadModelHttpController } from './read-model.http.controller';
import { ReadModelStore } from './read-model.store';

/** Matching's copy of the registries' projects and experts; rounds read it through ReadModelStore. */
@Module({ controllers: [ReadModelEventsController, ReadModelHttpController], providers: [ReadModelStore], exports: [ReadModelStore] })
export class ReadModelModule {}
