import { Module } from '@nestjs/common';
import { ReadModelEventsController } from './read-model.events.controller';
import { ReadModelHttpController } from './read-model.http.controller';

@Module({ controllers: [ReadModelEventsController, ReadModelHttpController] })
export class ReadModelModule {}
