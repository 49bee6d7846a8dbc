import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ERROR_CODES, errorCodeOfStatus, isErrorCode } from '@civic/contracts';
import { currentCorrelationId } from '@civic/messaging';
import type { ApiErrorBody } from './api-error';
import { httpStatusOf } from './error-status';

/**
 * The HTTP edge of every service: maps every exception to the one error shape. A DomainError (what application
 * services, the auth guard and the dead-letter endpoints throw) gets its status from HTTP_STATUS_OF_CODE; Nest's own
 * HttpExceptions (routing, body parsing) keep their status, and a catalogue code they carry is kept. Unexpected
 * errors become a 500 with no stack or SQL in the body; the details go to the log only.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.error.status >= 500) this.logger.error({ err: exception }, 'unhandled error');
    res.status(body.error.status).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    const correlationId = currentCorrelationId();
    if (exception instanceof DomainError) {
      return {
        error: { status: httpStatusOf(exception.code), code: exception.code, message: exception.message, details: exception.details },
        correlationId,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const given = typeof response === 'object' && response !== null ? (response as { code?: unknown }).code : undefined;
      const code = isErrorCode(given) ? given : errorCodeOfStatus(status);
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message).join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      return { error: { status, code, message }, correlationId };
    }
    // body-parser errors carry a status (400 malformed JSON, 413 too large) but are not HttpExceptions.
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      const message = type === 'entity.parse.failed' ? 'request body is not valid JSON' : String((exception as Error).message);
      const code = errorCodeOfStatus(status);
      return { error: { status, code: code === ERROR_CODES.httpError ? ERROR_CODES.badRequest : code, message }, correlationId };
    }
    return {
      error: { status: HttpStatus.INTERNAL_SERVER_ERROR, code: ERROR_CODES.internal, message: 'internal error' },
      correlationId,
    };
  }
}
