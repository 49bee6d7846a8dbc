import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import type { DraftAssignmentV1, Preflight, PreflightCheck, RoundAuditEntry } from '@civic/contracts';
import { SERVICE_CONFIG } from '@civic/platform';
import { MatchingConfig } from '../../matching.config';
import { AuditEntryDoc, DraftAssignmentDoc, PreflightCheckDoc, PreflightDoc } from '../lifecycle/lifecycle.openapi';
import { GetRoundService } from '../get-round/get-round.service';
import { RoundIdParams } from '../start-round/start-round.dto';
import { PreflightDto } from './preflight.dto';
import { PreflightService } from './preflight.service';

@ApiTags('round lifecycle')
@Authorize('admin')
@Controller('rounds')
export class PreflightHttpController {
  constructor(
    private readonly service: PreflightService,
    private readonly rounds: GetRoundService,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
  ) {}

  @Post('preflight')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Before any solve: can the data meet the demand of this scope and options? Supply and demand per kind, discipline, district and (one-university) university; projects with no eligible expert and why',
    description: 'Takes the scope and options of POST /rounds (same rules) and changes nothing.',
  })
  @ApiOkResponse({ type: PreflightCheckDoc })
  @ApiBadRequestResponse({ description: 'a field breaks a rule; the body names it' })
  check(@Body() dto: PreflightDto): Promise<PreflightCheck> {
    return this.service.check(dto, this.config.PROPOSAL_RESPONSE_WINDOW_SECONDS);
  }

  @Get(':id/diagnosis')
  @ApiOperation({ summary: 'The preflight of what a round\u2019s solve saw (its stored snapshot and the pairs it forbids): why its underfilled slots are underfilled' })
  @ApiOkResponse({ type: PreflightDoc })
  @ApiNotFoundResponse({ description: 'no such round, or it has no snapshot yet' })
  diagnosis(@Param() p: RoundIdParams): Promise<Preflight> {
    return this.service.diagnosis(p.id);
  }

  @Get(':id/draft')
  @ApiOperation({ summary: 'A draft\u2019s assignments (placedBy says which an administrator placed by hand); empty once published' })
  @ApiOkResponse({ type: [DraftAssignmentDoc] })
  @ApiNotFoundResponse({ description: 'no such round' })
  draft(@Param() p: RoundIdParams): Promise<DraftAssignmentV1[]> {
    return this.rounds.draftOf(p.id);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: 'Every administrator\u2019s action on the round (edit, publish, cancel, withdraw): who, why, when, what' })
  @ApiOkResponse({ type: [AuditEntryDoc] })
  @ApiNotFoundResponse({ description: 'no such round' })
  audit(@Param() p: RoundIdParams): Promise<RoundAuditEntry[]> {
    return this.rounds.auditOf(p.id);
  }
}
