import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import type { RoundView } from '@civic/contracts';
import { RoundViewDoc } from '../get-round/round.openapi';
import { toRoundView } from '../get-round/round.view';
import { Actor } from '../lifecycle/actor.decorator';
import { RoundIdParams } from '../start-round/start-round.dto';
import { CancelRoundDto } from './cancel-round.dto';
import { CancelRoundService } from './cancel-round.service';

@ApiTags('round lifecycle')
@Authorize('admin')
@Controller('rounds/:id/cancel')
export class CancelRoundHttpController {
  constructor(private readonly service: CancelRoundService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a running round (its worker stops at the next phase boundary; nothing is stored or proposed) or drop a draft',
  })
  @ApiOkResponse({ type: RoundViewDoc, description: 'the round, now cancelled' })
  @ApiNotFoundResponse({ description: 'no such round' })
  @ApiConflictResponse({ description: 'round_not_cancellable: published, failed, withdrawn, already cancelled, or its results are stored already' })
  async cancel(@Param() p: RoundIdParams, @Body() dto: CancelRoundDto, @Actor() actor: string): Promise<RoundView> {
    return toRoundView(await this.service.cancel(p.id, dto.reason ?? null, actor));
  }
}
