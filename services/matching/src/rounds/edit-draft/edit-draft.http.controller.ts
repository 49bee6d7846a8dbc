import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import type { DraftEditAnswer } from '@civic/contracts';
import { toRoundView } from '../get-round/round.view';
import { Actor } from '../lifecycle/actor.decorator';
import { DraftEditAnswerDoc } from '../lifecycle/lifecycle.openapi';
import { RoundIdParams } from '../start-round/start-round.dto';
import { EditDraftDto } from './edit-draft.dto';
import { EditDraftService } from './edit-draft.service';

@ApiTags('round lifecycle')
@Authorize('admin')
@Controller('rounds/:id/edits')
export class EditDraftHttpController {
  constructor(private readonly service: EditDraftService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Edit a draft: pin, remove (forbidden for this round) or move experts, one edit or a batch; the rest is re-optimised minimally',
    description: 'Audited with the token\u2019s subject and the reason. The answer shows the diff and the figures before and after.',
  })
  @ApiOkResponse({ type: DraftEditAnswerDoc })
  @ApiBadRequestResponse({ description: 'validation_failed: a field breaks a rule, or an edit names a pair the draft does not have (details name edits.N)' })
  @ApiNotFoundResponse({ description: 'no such round' })
  @ApiConflictResponse({ description: 'round_not_draft (published, cancelled, withdrawn, running), or stale_revision (another edit came first)' })
  @ApiUnprocessableEntityResponse({ description: 'edit_breaks_rule: capacity, teamMaximum, disciplineCap, teamPolicy or universityLimit; nothing is applied' })
  async edit(@Param() p: RoundIdParams, @Body() dto: EditDraftDto, @Actor() actor: string): Promise<DraftEditAnswer> {
    const { round, ...edit } = await this.service.edit(p.id, dto, actor);
    return { round: toRoundView(round), edit };
  }
}
