import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Authorize } from '@civic/auth';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ExpertEntity } from '../expert.entity';
import { ExpertView, toExpertView } from '../expert.view';

@ApiTags('experts')
@Authorize('admin', { coordinator: { record: { table: 'expert', param: 'id', column: 'university_id' } } })
@Controller('experts')
export class GetExpertHttpController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get(':id')
  @ApiOperation({ summary: 'Read an expert by pool id (T000001, S000001)' })
  @ApiOkResponse({ type: ExpertView, description: 'the expert' })
  @ApiNotFoundResponse({ description: 'no such expert' })
  async get(@Param('id') id: string): Promise<ExpertView> {
    const expert = await this.db.getRepository(ExpertEntity).findOneBy({ id });
    if (!expert) throw ApiError.notFound('expert', id);
    return toExpertView(expert);
  }
}
