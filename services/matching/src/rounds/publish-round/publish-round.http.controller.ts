import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import type { PublishAnswer } from '@civic/contracts';
import { toRoundView } from '../get-round/round.view';
import { Actor } from '../lifecycle/actor.decorator';
import { PublishAnswerDoc } from '../lifecycle/lifecycle.openapi';
import { RoundIdParams } from '../start-round/start-round.dto';
import { PublishRoundDto } from './publish-round.dto';
import { PublishRoundService } from './publish-round.service';

@ApiTags('round lifecycle')
@Authorize('admin')
@Controller('rounds/:id/publish')
export class PublishRoundHttpController {
  constructor(private readonly service: PublishRoundService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish a draft: its proposals go out to the coordinators and their deadlines start',
    description:
      'Checks first that nothing the draft relies on changed since it was solved (experts withdrawn, capacity or places taken by a round published meanwhile, projects withdrawn): a 409 round_changed names each, unless onChange is resolve, which re-solves minimally and publishes.',
  })
  @ApiOkResponse({ type: PublishAnswerDoc })
  @ApiNotFoundResponse({ description: 'no such round' })
  @ApiConflictResponse({ description: 'round_not_draft (already published, cancelled, withdrawn, running, a dry run), stale_revision, or round_changed (details: draft.<expert>.<project> and the kind of change)' })
  async publish(@Param() p: RoundIdParams, @Body() dto: PublishRoundDto, @Actor() actor: string): Promise<PublishAnswer> {
    const { round, ...publication } = await this.service.publish(p.id, dto, actor);
    return { round: toRoundView(round), publication };
  }
}
