import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import type { WithdrawAnswer } from '@civic/contracts';
import { toRoundView } from '../get-round/round.view';
import { Actor } from '../lifecycle/actor.decorator';
import { WithdrawAnswerDoc } from '../lifecycle/lifecycle.openapi';
import { RoundIdParams } from '../start-round/start-round.dto';
import { WithdrawRoundDto } from './withdraw-round.dto';
import { WithdrawRoundService } from './withdraw-round.service';

@ApiTags('round lifecycle')
@Authorize('admin')
@Controller('rounds/:id/withdraw')
export class WithdrawRoundHttpController {
  constructor(private readonly service: WithdrawRoundService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a published round: pending proposals are withdrawn with the reason (accepted ones stay unless includeAccepted); their capacity goes back',
  })
  @ApiOkResponse({ type: WithdrawAnswerDoc })
  @ApiBadRequestResponse({ description: 'reason missing or too long' })
  @ApiNotFoundResponse({ description: 'no such round' })
  @ApiConflictResponse({ description: 'round_not_published: a draft, running, failed, cancelled, already withdrawn, or a dry run' })
  async withdraw(@Param() p: RoundIdParams, @Body() dto: WithdrawRoundDto, @Actor() actor: string): Promise<WithdrawAnswer> {
    const { round, ...withdrawal } = await this.service.withdraw(p.id, dto.reason, dto.includeAccepted ?? false, actor);
    return { round: toRoundView(round), withdrawal };
  }
}
