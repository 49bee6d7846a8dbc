import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@civic/auth';

/** One dependency the service needs; `check` rejects when it is unusable. */
export interface HealthIndicator {
  name: string;
  check(): Promise<unknown>;
}

export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

const TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

/** `/health`: 200 when every dependency answers, 503 naming the ones that do not. */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[]) {}

  @Get()
  @ApiOkResponse({ description: 'every dependency answers' })
  async health(@Res() res: Response): Promise<void> {
    const checks: Record<string, { status: 'up' | 'down'; detail?: unknown }> = {};
    await Promise.all(
      this.indicators.map(async (i) => {
        try {
          const detail = await withTimeout(i.check(), TIMEOUT_MS);
          checks[i.name] = detail === undefined ? { status: 'up' } : { status: 'up', detail };
        } catch (e) {
          checks[i.name] = { status: 'down', detail: (e as Error).message };
        }
      }),
    );
    const up = Object.values(checks).every((c) => c.status === 'up');
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: up ? 'up' : 'down', checks });
  }
}
