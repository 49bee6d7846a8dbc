import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { errorCodeOfStatus } from '@civic/contracts';
import type { Response } from 'express';
import type { ConsoleRequest } from '../session/session.middleware';
import type { SessionStore } from '../session/session.store';
import { ConsoleError } from './access';
import { errorBody } from './error-body';
import { UpstreamError } from './upstream.client';

/** Every error in the one shape; a service's own error answer passes through unchanged. A 401 from a service ends the session. */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  constructor(private readonly store: SessionStore) {}

  catch(e: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<ConsoleRequest>();
    if (res.headersSent) {
      res.end();
      return;
    }
    if (e instanceof UpstreamError) {
      // The token expired or was revoked: the console forgets it, and the front end offers to sign in again.
      if (e.status === 401 && req.session) void this.store.destroy(req.session.id).catch(() => undefined);
      res.status(e.status).json(e.body);
    } else if (e instanceof ConsoleError) {
      res.status(e.status).json(errorBody(e.status, e.code, e.message, e.details));
    } else if (e instanceof HttpException) {
      const status = e.getStatus();
      res.status(status).json(errorBody(status, errorCodeOfStatus(status), status === 404 ? 'not found' : e.message));
    } else {
      this.logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      res.status(500).json(errorBody(500, 'internal', 'internal error'));
    }
  }
}
