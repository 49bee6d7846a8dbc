import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@civic/platform';
import { MatchingConfig } from './matching.config';
import { ReadModel1764100000301 } from './migrations/1764100000301-read-model';
import { Rounds1764100000302 } from './migrations/1764100000302-rounds';
import { Teams1764100000303 } from './migrations/1764100000303-teams';
import { Lifecycle1764100000304 } from './migrations/1764100000304-lifecycle';
import { ReadModelModule } from './read-model/read-model.module';
import { AssignmentsModule } from './assignments/assignments.module';
import { RoundsModule } from './rounds/rounds.module';

export const SERVICE_NAME = 'matching';

@Module({})
export class AppModule {
  static forConfig(config: MatchingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forService({ name: SERVICE_NAME, config, entities: [], migrations: [ReadModel1764100000301, Rounds1764100000302, Teams1764100000303, Lifecycle1764100000304] }),
        ReadModelModule,
        RoundsModule,
        AssignmentsModule,
      ],
    };
  }
}
