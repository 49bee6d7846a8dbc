import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { UNIVERSITIES } from '@civic/catalogue';
import { DataSource } from 'typeorm';
import { CoordinatorsRow, toCoordinatorsView, UniversityCoordinatorsView } from '../coordinators.view';

@ApiTags('coordinators')
@Authorize('admin')
@Controller('coordinators')
export class ListCoordinatorsHttpController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: "Every university's coordinators (an empty list where none are set)" })
  @ApiOkResponse({ type: [UniversityCoordinatorsView] })
  async list(): Promise<UniversityCoordinatorsView[]> {
    const rows: CoordinatorsRow[] = await this.db.query(`SELECT * FROM university_coordinators`);
    const byId = new Map(rows.map((r) => [r.university_id, r]));
    return UNIVERSITIES.map((u) => toCoordinatorsView(u.id, byId.get(u.id)));
  }
}
