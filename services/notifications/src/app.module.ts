import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@civic/platform';
import { Notifications1764100000501 } from './migrations/1764100000501-notifications';
import { WithdrawalNotices1764100000502 } from './migrations/1764100000502-withdrawal-notices';
import { NotificationsConfig } from './notifications.config';
import { NoticesModule } from './notices/notices.module';

export const SERVICE_NAME = 'notifications';

@Module({})
export class AppModule {
  static forConfig(config: NotificationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forService({ name: SERVICE_NAME, config, entities: [], migrations: [Notifications1764100000501, WithdrawalNotices1764100000502] }), NoticesModule],
    };
  }
}
