import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { ExpertSnapshotV1 } from '@civic/contracts';
import { RegisterExpertDto } from './register-expert.dto';
import { RegisterExpertService } from './register-expert.service';

@ApiTags('experts')
@Controller('experts')
export class RegisterExpertHttpController {
  constructor(private readonly service: RegisterExpertService) {}

  @Post()
  @ApiCreatedResponse({ description: 'the registered expert' })
  @ApiBadRequestResponse({ description: 'a field breaks a rule; the body names it' })
  @ApiConflictResponse({ description: 'externalKey is already registered' })
  async register(@Body() dto: RegisterExpertDto): Promise<ExpertSnapshotV1> {
    return (await this.service.register(dto)).toSnapshot();
  }
}
