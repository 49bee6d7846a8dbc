import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authorize } from '@civic/auth';
import { DomainError, type RoundView } from '@civic/contracts';
import { RoundViewDoc } from '../get-round/round.openapi';
import { toRoundView } from '../get-round/round.view';
import { StartRoundDto } from './start-round.dto';
import { StartRoundService } from './start-round.service';

@ApiTags('rounds')
@Authorize('admin')
@Controller('rounds')
export class StartRoundHttpController {
  constructor(private readonly service: StartRoundService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a matching round (runs in the background; follow it with GET /rounds/{id})' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'repeat a POST with the same key to get the same round' })
  @ApiAcceptedResponse({ type: RoundViewDoc, description: 'the round was started; Location names it' })
  @ApiOkResponse({ type: RoundViewDoc, description: 'the round this idempotency key started earlier' })
  @ApiBadRequestResponse({ description: 'a field breaks a rule; the body names it' })
  @ApiConflictResponse({ description: 'a round is live in this scope (round_in_progress), or the key was used for another request' })
  async start(
    @Body() dto: StartRoundDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RoundView> {
    if (key !== undefined && !/^[\w.:-]{1,128}$/.test(key)) {
      throw DomainError.invalid('Idempotency-Key must be 1-128 letters, digits, dot, colon, dash or underscore', [
        { field: 'Idempotency-Key', rule: 'format', message: 'Idempotency-Key must be 1-128 letters, digits, dot, colon, dash or underscore' },
      ]);
    }
    const { round, created } = await this.service.start(dto, key);
    res.status(created ? 202 : 200).location(`/rounds/${round.id}`);
    return toRoundView(round);
  }
}
