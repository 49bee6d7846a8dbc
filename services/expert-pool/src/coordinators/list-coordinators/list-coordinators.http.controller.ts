import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { UniversityCoordinatorsView } from '../coordinators.view';
import { ListCoordinatorsService } from './list-coordinators.service';

@ApiTags('coordinators')
@Authorize('admin')
@Controller('coordinators')
export class ListCoordinatorsHttpController {
  constructor(private readonly service: ListCoordinatorsService) {}

  @Get()
  @ApiOperation({ summary: "Every university's coordinators (an empty list where none are set)" })
  @ApiOkResponse({ type: [UniversityCoordinatorsView] })
  list(): Promise<UniversityCoordinatorsView[]> {
    return this.service.list();
  }
}
