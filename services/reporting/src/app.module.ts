import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@civic/platform';
import { EventFeedModule } from './event-feed/event-feed.module';
import { EventFeed1764100000401 } from './migrations/1764100000401-event-feed';
import { RoundReports1764100000402 } from './migrations/1764100000402-round-reports';
import { EventFeedTxid1764100000403 } from './migrations/1764100000403-event-feed-txid';
import { RoundTeams1764100000404 } from './migrations/1764100000404-round-teams';
import { RoundLifecycle1764100000405 } from './migrations/1764100000405-round-lifecycle';
import { ReportingConfig } from './reporting.config';
import { ResponseFiguresModule } from './response-figures/response-figures.module';
import { RoundReportsModule } from './round-reports/round-reports.module';

export const SERVICE_NAME = 'reporting';

@Module({})
export class AppModule {
  static forConfig(config: ReportingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forService({ name: SERVICE_NAME, config, entities: [], migrations: [EventFeed1764100000401, RoundReports1764100000402, EventFeedTxid1764100000403, RoundTeams1764100000404, RoundLifecycle1764100000405] }),
        EventFeedModule,
        RoundReportsModule,
        ResponseFiguresModule,
      ],
    };
  }
}
