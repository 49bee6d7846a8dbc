import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExpertSnapshotV1 } from '@civic/contracts';
import { ApiError } from '@civic/platform';
import { DataSource } from 'typeorm';
import { ExpertEntity } from '../expert.entity';

@ApiTags('experts')
@Controller('experts')
export class GetExpertHttpController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get(':id')
  @ApiOkResponse({ description: 'the expert' })
  @ApiNotFoundResponse({ description: 'no such expert' })
  async get(@Param('id') id: string): Promise<ExpertSnapshotV1> {
    const expert = await this.db.getRepository(ExpertEntity).findOneBy({ id });
    if (!expert) throw ApiError.notFound('expert', id);
    return expert.toSnapshot();
  }
}
