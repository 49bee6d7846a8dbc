import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@civic/platform';
import { EventFeedModule } from './event-feed/event-feed.module';
import { EventFeed1764100000401 } from './migrations/1764100000401-event-feed';
import { ReportingConfig } from './reporting.config';

export const SERVICE_NAME = 'reporting';

@Module({})
export class AppModule {
  static forConfig(config: ReportingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forService({ name: SERVICE_NAME, config, entities: [], migrations: [EventFeed1764100000401] }), EventFeedModule],
    };
  }
}
