import { DynamicModule, Module } from '@nestjs/common';
import { ImportJobEntity } from '@civic/imports';
import { ServiceCoreModule } from '@civic/platform';
import { CatalogueModule } from './catalogue/catalogue.module';
import { CoordinatorsModule } from './coordinators/coordinators.module';
import { ExpertPoolConfig } from './expert-pool.config';
import { ExpertEntity } from './experts/expert.entity';
import { ExpertsModule } from './experts/experts.module';
import { KnownProjectsModule } from './known-projects/known-projects.module';
import { Experts1764100000201 } from './migrations/1764100000201-experts';
import { ExpertDetails1764100000202 } from './migrations/1764100000202-expert-details';
import { KnownProjects1764100000203 } from './migrations/1764100000203-known-projects';
import { ImportJobs1764100000204 } from './migrations/1764100000204-import-jobs';
import { Coordinators1764100000205 } from './migrations/1764100000205-coordinators';

export const SERVICE_NAME = 'expert-pool';

@Module({})
export class AppModule {
  static forConfig(config: ExpertPoolConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forService({
          name: SERVICE_NAME,
          config,
          entities: [ExpertEntity, ImportJobEntity],
          migrations: [Experts1764100000201, ExpertDetails1764100000202, KnownProjects1764100000203, ImportJobs1764100000204, Coordinators1764100000205],
        }),
        ExpertsModule,
        KnownProjectsModule,
        CatalogueModule,
        CoordinatorsModule,
      ],
    };
  }
}
