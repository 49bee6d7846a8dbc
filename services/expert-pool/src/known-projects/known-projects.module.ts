import { Module } from '@nestjs/common';
import { KnownProjectsEventsController } from './known-projects.events.controller';
import { KnownProjectsHttpController } from './known-projects.http.controller';
import { KnownProjectsService } from './known-projects.service';

@Module({
  controllers: [KnownProjectsEventsController, KnownProjectsHttpController],
  providers: [KnownProjectsService],
  exports: [KnownProjectsService],
})
export class KnownProjectsModule {}
