import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { collegesOf, DISCIPLINES, findUniversity, UNIVERSITIES } from '@civic/catalogue';
import { DomainError } from '@civic/contracts';
import { CollegeView, DisciplineView, toCollegeView, toDisciplineView, toUniversityView, UniversityView } from '../catalogue.view';

/** The reference data experts are registered against: read-only, straight from @civic/catalogue. */
@ApiTags('catalogue')
@Authorize('admin', 'coordinator', 'service')
@Controller('catalogue')
export class ReadCatalogueHttpController {
  @Get('universities')
  @ApiOperation({ summary: 'The 10 university think tanks of the season' })
  @ApiOkResponse({ type: [UniversityView] })
  universities(): UniversityView[] {
    return UNIVERSITIES.map(toUniversityView);
  }

  @Get('universities/:id/colleges')
  @ApiOperation({ summary: "A university's colleges taking part (42 in all)" })
  @ApiOkResponse({ type: [CollegeView] })
  @ApiNotFoundResponse({ description: 'no such university' })
  colleges(@Param('id') id: string): CollegeView[] {
    if (!findUniversity(id)) throw DomainError.notFound('university', id);
    return collegesOf(id).map(toCollegeView);
  }

  @Get('disciplines')
  @ApiOperation({ summary: 'The 65 disciplines (专业)' })
  @ApiOkResponse({ type: [DisciplineView] })
  disciplines(): DisciplineView[] {
    return DISCIPLINES.map(toDisciplineView);
  }
}
