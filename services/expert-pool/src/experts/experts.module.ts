import { Module } from '@nestjs/common';
import { GetExpertHttpController } from './get-expert/get-expert.http.controller';
import { RegisterExpertHttpController } from './register-expert/register-expert.http.controller';
import { RegisterExpertService } from './register-expert/register-expert.service';

@Module({
  controllers: [RegisterExpertHttpController, GetExpertHttpController],
  providers: [RegisterExpertService],
})
export class ExpertsModule {}
