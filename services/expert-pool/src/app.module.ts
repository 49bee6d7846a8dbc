import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@civic/platform';
import { ExpertPoolConfig } from './expert-pool.config';
import { ExpertEntity } from './experts/expert.entity';
import { ExpertsModule } from './experts/experts.module';
import { Experts1764100000201 } from './migrations/1764100000201-experts';

export const SERVICE_NAME = 'expert-pool';

@Module({})
export class AppModule {
  static forConfig(config: ExpertPoolConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forService({ name: SERVICE_NAME, config, entities: [ExpertEntity], migrations: [Experts1764100000201] }),
        ExpertsModule,
      ],
    };
  }
}
