import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { UniversityCoordinatorsView } from '../coordinators.view';
import { SetCoordinatorsDto } from './set-coordinators.dto';
import { SetCoordinatorsService } from './set-coordinators.service';

@ApiTags('coordinators')
@Authorize('admin')
@Controller('universities')
export class SetCoordinatorsHttpController {
  constructor(private readonly service: SetCoordinatorsService) {}

  @Put(':universityId/coordinators')
  @ApiOperation({
    summary: "Set a university's coordinators (the whole list)",
    description: 'Emits coordinators.set when the list changed. The notifications service mails them in their language.',
  })
  @ApiOkResponse({ type: UniversityCoordinatorsView, description: 'the list as stored' })
  @ApiBadRequestResponse({ description: 'a field breaks a rule (not an email, unknown language, an address listed twice...); the body names it' })
  @ApiNotFoundResponse({ description: 'no such university' })
  set(@Param('universityId') universityId: string, @Body() dto: SetCoordinatorsDto): Promise<UniversityCoordinatorsView> {
    return this.service.set(universityId, dto);
  }
}
