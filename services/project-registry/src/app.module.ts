import { DynamicModule, Module } from '@nestjs/common';
import { ImportJobEntity } from '@civic/imports';
import { ServiceCoreModule } from '@civic/platform';
import { Projects1764100000101 } from './migrations/1764100000101-projects';
import { ProjectDetails1764100000102 } from './migrations/1764100000102-project-details';
import { ImportJobs1764100000103 } from './migrations/1764100000103-import-jobs';
import { ProjectEntity } from './projects/project.entity';
import { ProjectsModule } from './projects/projects.module';
import { RegistryConfig } from './registry.config';

export const SERVICE_NAME = 'project-registry';

@Module({})
export class AppModule {
  static forConfig(config: RegistryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forService({
          name: SERVICE_NAME,
          config,
          entities: [ProjectEntity, ImportJobEntity],
          migrations: [Projects1764100000101, ProjectDetails1764100000102, ImportJobs1764100000103],
        }),
        ProjectsModule,
      ],
    };
  }
}
