import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@civic/platform';
import { Projects1764100000101 } from './migrations/1764100000101-projects';
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
        ServiceCoreModule.forService({ name: SERVICE_NAME, config, entities: [ProjectEntity], migrations: [Projects1764100000101] }),
        ProjectsModule,
      ],
    };
  }
}
