import { Controller, Get, Headers, Logger, OnApplicationShutdown, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedRequest, Authorize, Revocations } from '@civic/auth';
import { DomainError } from '@civic/contracts';
import type { Request, Response } from 'express';
import { EventFeedStore } from '../event-feed.store';
import { checkFeedTypes, hiddenFeedTypes } from '../feed-audience';
import { EventFeedQueryDto } from '../read-feed/read-feed.dto';

const POLL_MS = 250;
const HEARTBEAT_MS = 15_000;
const BATCH = 500;
/** How often an open stream asks whether its token has been revoked (one Redis read per stream). */
const REVOCATION_CHECK_MS = 5000;

/**
 * The event feed as server-sent events: the same events, cursor and filter as GET /events, pushed as they arrive.
 * Each event's SSE id is its feed position, so a client that reconnects with Last-Event-ID resumes exactly after
 * the last event it got (browsers' EventSource does this by itself). The token is checked when the stream opens,
 * and the stream ends when the token expires or is revoked (with a `token-expired` or `token-revoked` event), so an
 * open stream never outlives its credential: the client reconnects with a fresh token and loses nothing.
 */
@ApiTags('event feed')
@Authorize('admin', 'service')
@Controller('events')
export class StreamFeedHttpController implements OnApplicationShutdown {
  private readonly logger = new Logger('EventStream');
  private readonly open = new Set<() => void>();

  constructor(
    private readonly feed: EventFeedStore,
    private readonly revocations: Revocations,
  ) {}

  @Get('stream')
  @ApiOperation({ summary: 'Server-sent events: every event after the cursor, then new ones as they arrive' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this position (overrides `after`)' })
  @ApiOkResponse({
    description:
      'text/event-stream; `id` is the feed position, `event` the event type, `data` the envelope. When the token expires or is revoked the stream ends with `event: token-expired` or `event: token-revoked`; reconnect with a fresh token and Last-Event-ID.',
  })
  async stream(
    @Query() q: EventFeedQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (lastEventId !== undefined && !/^\d{1,18}$/.test(lastEventId)) {
      throw DomainError.invalid('Last-Event-ID must be a position sent by this stream', [
        { field: 'Last-Event-ID', rule: 'cursor', message: 'Last-Event-ID must be a position sent by this stream' },
      ]);
    }
    const principal = (req as AuthenticatedRequest).principal;
    const hidden = hiddenFeedTypes(principal);
    checkFeedTypes(q.types, hidden);
    let cursor = lastEventId ?? q.after ?? '0';
    const types = q.types?.length ? q.types : null;
    res.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    res.write('retry: 2000\n\n');

    let closed = false;
    let ended: 'token-expired' | 'token-revoked' | undefined;
    let wake: (() => void) | undefined;
    const close = () => {
      closed = true;
      wake?.();
    };
    req.on('close', close);
    const expiresAt = principal?.expiresAt;
    const expiry =
      expiresAt === undefined
        ? undefined
        : setTimeout(() => {
            ended = 'token-expired';
            close();
            // setTimeout takes at most 2^31 - 1 ms (24.8 days); a token living longer ends its stream then.
          }, Math.min(Math.max(0, expiresAt * 1000 - Date.now()), 2 ** 31 - 1));
    this.open.add(close);
    const revocationCheck = principal
      ? setInterval(() => {
          void this.revocations.isRevoked(principal).then((revoked) => {
            if (!revoked || closed) return;
            ended = 'token-revoked';
            close();
          });
        }, REVOCATION_CHECK_MS)
      : undefined;
    let lastWrite = Date.now();
    try {
      while (!closed) {
        const rows = await this.feed.after(cursor, types, BATCH, hidden);
        for (const r of rows) {
          res.write(`id: ${r.position}\nevent: ${r.type}\ndata: ${JSON.stringify(r.envelope)}\n\n`);
          cursor = r.position;
        }
        if (rows.length) lastWrite = Date.now();
        if (rows.length === BATCH) continue;
        if (Date.now() - lastWrite > HEARTBEAT_MS) {
          res.write(': keep-alive\n\n');
          lastWrite = Date.now();
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, POLL_MS);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    } catch (e) {
      this.logger.warn(`event stream stopped: ${(e as Error).message}`);
    } finally {
      clearTimeout(expiry);
      clearInterval(revocationCheck);
      this.open.delete(close);
      if (ended) {
        const why = ended === 'token-expired' ? 'expired' : 'been revoked';
        res.write(`event: ${ended}\ndata: ${JSON.stringify({ message: `the bearer token has ${why}; reconnect with a fresh one and Last-Event-ID` })}\n\n`);
      }
      res.end();
    }
  }

  /** Ends open streams so shutdown is not held by long-lived connections. */
  onApplicationShutdown(): void {
    for (const close of this.open) close();
  }
}
