import { Module } from '@nestjs/common';
import { GetProjectHttpController } from './get-project/get-project.http.controller';
import { RegisterProjectHttpController } from './register-project/register-project.http.controller';
import { RegisterProjectService } from './register-project/register-project.service';

@Module({
  controllers: [RegisterProjectHttpController, GetProjectHttpController],
  providers: [RegisterProjectService],
})
export class ProjectsModule {}
