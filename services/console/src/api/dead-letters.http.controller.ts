import { Controller, Get, Param, Post, Req } from '@nestjs/common';
import type { DeadLetterList, DeadLetterView, Page } from '@civic/contracts';
import type { ConsoleRequest } from '../session/session.middleware';
import { UPSTREAMS, type Upstream } from '../config/console.config';
import { ConsoleError, requireAdmin } from './access';
import { UpstreamClient } from './upstream.client';

/** Every service's dead letters in one list, and replay of one. */
@Controller('api/dead-letters')
export class DeadLettersHttpController {
  constructor(private readonly upstream: UpstreamClient) {}

  /** A service that does not answer is listed as unreachable rather than failing the whole page. */
  @Get()
  async list(@Req() req: ConsoleRequest): Promise<DeadLetterList> {
    requireAdmin(req.session);
    const answers = await Promise.all(
      UPSTREAMS.map(async (service) => {
        try {
          // The newest 200 of each service (its first page): dead letters are few, and replay empties the list.
          const { body } = await this.upstream.call<Page<DeadLetterView>>(req.session, service, 'GET', '/admin/dead-letters?page=1&pageSize=200');
          return { service, reachable: true, deadLetters: body.items.map((d) => ({ ...d, service })) };
        } catch {
          return { service, reachable: false, deadLetters: [] };
        }
      }),
    );
    return { services: answers.map(({ service, reachable }) => ({ service, reachable })), deadLetters: answers.flatMap((a) => a.deadLetters) };
  }

  @Post(':service/:id/replay')
  async replay(@Req() req: ConsoleRequest, @Param('service') service: string, @Param('id') id: string): Promise<DeadLetterView> {
    requireAdmin(req.session);
    if (!(UPSTREAMS as readonly string[]).includes(service)) {
      throw new ConsoleError(400, 'validation_failed', `service must be one of ${UPSTREAMS.join(', ')}`, [{ field: 'service', rule: 'isIn', message: `service must be one of ${UPSTREAMS.join(', ')}` }]);
    }
    return (await this.upstream.call<DeadLetterView>(req.session, service as Upstream, 'POST', `/admin/dead-letters/${encodeURIComponent(id)}/replay`)).body;
  }
}
