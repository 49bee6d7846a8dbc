import { Module } from '@nestjs/common';
import { KnownProjectsEventsController } from './known-projects.events.controller';
import { KnownProjectsHttpController } from './known-projects.http.controller';
import { KnownProjectsService } from './known-projects.service';
import { KnownProjectsStore } from './known-projects.store';

@Module({
  controllers: [KnownProjectsEventsController, KnownProjectsHttpController],
  providers: [KnownProjectsStore, KnownProjectsService],
  exports: [KnownProjectsService],
})
export class KnownProjectsModule {}
