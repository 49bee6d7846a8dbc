import { Module } from '@nestjs/common';
import { KnownProjectsModule } from '../known-projects/known-projects.module';
import { ExpertChecks } from './expert.checks';
import { ExpertStore } from './expert.store';
import { GetExpertHttpController } from './get-expert/get-expert.http.controller';
import { GetExpertService } from './get-expert/get-expert.service';
import { ImportExpertsHttpController } from './import-experts/import-experts.http.controller';
import { ImportExpertsService } from './import-experts/import-experts.service';
import { ListExpertsHttpController } from './list-experts/list-experts.http.controller';
import { ListExpertsService } from './list-experts/list-experts.service';
import { RegisterExpertHttpController } from './register-expert/register-expert.http.controller';
import { RegisterExpertService } from './register-expert/register-expert.service';
import { UpdateExpertHttpController } from './update-expert/update-expert.http.controller';
import { UpdateExpertService } from './update-expert/update-expert.service';

@Module({
  imports: [KnownProjectsModule],
  // The import routes come first so /experts/imports/... is never read as /experts/:id.
  controllers: [
    ImportExpertsHttpController,
    RegisterExpertHttpController,
    ListExpertsHttpController,
    GetExpertHttpController,
    UpdateExpertHttpController,
  ],
  providers: [ExpertChecks, ExpertStore, GetExpertService, RegisterExpertService, ListExpertsService, UpdateExpertService, ImportExpertsService],
})
export class ExpertsModule {}
