import { Module } from '@nestjs/common';
import { GetProjectHttpController } from './get-project/get-project.http.controller';
import { GetProjectService } from './get-project/get-project.service';
import { ImportProjectsHttpController } from './import-projects/import-projects.http.controller';
import { ImportProjectsService } from './import-projects/import-projects.service';
import { ListProjectsHttpController } from './list-projects/list-projects.http.controller';
import { ListProjectsService } from './list-projects/list-projects.service';
import { ProjectStore } from './project.store';
import { RegisterProjectHttpController } from './register-project/register-project.http.controller';
import { RegisterProjectService } from './register-project/register-project.service';
import { UpdateProjectHttpController } from './update-project/update-project.http.controller';
import { UpdateProjectService } from './update-project/update-project.service';
import { WithdrawProjectHttpController } from './withdraw-project/withdraw-project.http.controller';
import { WithdrawProjectService } from './withdraw-project/withdraw-project.service';

@Module({
  // The import routes come first so /projects/imports/... is never read as /projects/:id.
  controllers: [
    ImportProjectsHttpController,
    RegisterProjectHttpController,
    ListProjectsHttpController,
    GetProjectHttpController,
    UpdateProjectHttpController,
    WithdrawProjectHttpController,
  ],
  providers: [ProjectStore, GetProjectService, RegisterProjectService, ListProjectsService, UpdateProjectService, WithdrawProjectService, ImportProjectsService],
})
export class ProjectsModule {}
