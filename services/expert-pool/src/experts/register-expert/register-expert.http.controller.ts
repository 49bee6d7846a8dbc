import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExpertView, toExpertView } from '../expert.view';
import { RegisterExpertDto } from './register-expert.dto';
import { RegisterExpertService } from './register-expert.service';
import { Authorize } from '@civic/auth';

@ApiTags('experts')
@Authorize('admin', { coordinator: { body: 'universityId' } })
@Controller('experts')
export class RegisterExpertHttpController {
  constructor(private readonly service: RegisterExpertService) {}

  @Post()
  @ApiOperation({ summary: 'Register a teacher or student', description: 'Emits expert.registered.' })
  @ApiCreatedResponse({ type: ExpertView, description: 'the registered expert' })
  @ApiBadRequestResponse({ description: 'a field breaks a rule (unknown college or discipline, a withdrawn preferred project...); the body names it' })
  @ApiConflictResponse({ description: 'externalKey is already registered' })
  async register(@Body() dto: RegisterExpertDto): Promise<ExpertView> {
    return toExpertView(await this.service.register(dto));
  }
}
