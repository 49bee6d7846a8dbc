import { Controller, Get, HttpStatus, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '@civic/auth';

/** One dependency the service needs; `check` rejects when it is unusable. */
export interface HealthIndicator {
  name: string;
  check(): Promise<unknown>;
  /** False when the dependency is not part of this service (e.g. no consumer); checked on every request. */
  applies?(): boolean;
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

type Checks = Record<string, { status: 'up' | 'down'; detail?: unknown }>;

/**
 * Three probes, for three questions (docs/reliability.md, "Probes"):
 * - `/health/live` (liveness): the process answers HTTP. Nothing else: restarting a service because the broker or
 *   Redis is away would not bring them back, and writes still succeed meanwhile (the outbox keeps them).
 * - `/health/ready` (readiness): it can take traffic, i.e. its database answers (every write and read needs it).
 * - `/health` (detailed, for operators and start-up scripts): every dependency, the Kafka consumer included; 503
 *   naming the ones that do not answer.
 * Terminus runs the checks (the database ping is its TypeORM indicator); the body keeps the project's own shape.
 */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[],
    private readonly terminus: HealthCheckService,
    private readonly session: HealthIndicatorService,
    private readonly typeOrm: TypeOrmHealthIndicator,
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'the process answers (liveness)' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'the database answers: the service can take traffic (readiness)' })
  @ApiServiceUnavailableResponse({ description: 'the database does not answer' })
  async ready(@Res() res: Response): Promise<void> {
    await this.respond(res, [() => this.typeOrm.pingCheck('database', { timeout: TIMEOUT_MS })]);
  }

  @Get()
  @ApiOkResponse({ description: 'every dependency answers' })
  @ApiServiceUnavailableResponse({ description: 'some dependency does not answer; each is named with its status' })
  async health(@Res() res: Response): Promise<void> {
    await this.respond(
      res,
      this.indicators.filter((i) => i.applies?.() ?? true).map((i) => async () => {
        const session = this.session.check(i.name);
        try {
          const detail = await withTimeout(i.check(), TIMEOUT_MS);
          return detail === undefined ? session.up() : session.up({ detail });
        } catch (e) {
          return session.down({ detail: (e as Error).message });
        }
      }),
    );
  }

  /** 200 with `{status: 'up', checks}`, or 503 with `{status: 'down', checks}` naming what is down. */
  private async respond(res: Response, indicators: HealthIndicatorFunction[]): Promise<void> {
    let details: Record<string, Record<string, unknown>>;
    let up = true;
    try {
      details = (await this.terminus.check(indicators)).details;
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      details = (e.getResponse() as { details: Record<string, Record<string, unknown>> }).details;
      up = false;
    }
    const checks: Checks = {};
    for (const [name, { status, ...rest }] of Object.entries(details)) {
      const detail = 'detail' in rest ? rest.detail : 'message' in rest ? rest.message : Object.keys(rest).length ? rest : undefined;
      checks[name] = detail === undefined ? { status: status as 'up' | 'down' } : { status: status as 'up' | 'down', detail };
    }
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: up ? 'up' : 'down', checks });
  }
}
