import { ArgumentsHost, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { DomainError, ERROR_CODES, type ErrorCode } from '@civic/contracts';
import { ApiExceptionFilter } from './api-exception.filter';
import { HTTP_STATUS_OF_CODE } from './error-status';

/** What the filter answers for `exception`, through a stand-in of Express's response. */
function answer(exception: unknown): { status: number; body: any } {
  const sent: { status: number; body: any } = { status: 0, body: undefined };
  const res = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return sent;
}

describe('ApiExceptionFilter', () => {
  it('gives a DomainError the status of its code from the one table, with its message and field details', () => {
    const invalid = answer(DomainError.invalid('pageSize: too big', [{ field: 'pageSize', rule: 'max', message: 'too big' }]));
    expect(invalid).toEqual({
      status: 400,
      body: { error: { status: 400, code: 'validation_failed', message: 'pageSize: too big', details: [{ field: 'pageSize', rule: 'max', message: 'too big' }] }, correlationId: expect.any(String) },
    });
    expect(answer(DomainError.notFound('project', 'p-1')).body.error).toEqual({ status: 404, code: 'not_found', message: 'project p-1 does not exist' });
    expect(answer(new DomainError(ERROR_CODES.unauthenticated, 'the bearer token has been revoked')).status).toBe(401);
    expect(answer(new DomainError(ERROR_CODES.tooManyRequests, 'slow down')).status).toBe(429);
    expect(answer(new DomainError(ERROR_CODES.roundInProgress, 'busy')).body.error).toEqual({ status: 409, code: 'round_in_progress', message: 'busy' });
    expect(answer(new DomainError(ERROR_CODES.limitBelowHeld, 'below')).status).toBe(422);
  });

  it('has a 4xx or 5xx status for every code of the catalogue', () => {
    for (const code of Object.values(ERROR_CODES) as ErrorCode[]) {
      expect([code, HTTP_STATUS_OF_CODE[code] >= 400 && HTTP_STATUS_OF_CODE[code] < 600]).toEqual([code, true]);
    }
  });

  it('keeps the catalogue code of a Nest exception that carries one', () => {
    const revoked = answer(new HttpException({ code: ERROR_CODES.unauthenticated, message: 'the bearer token has been revoked' }, HttpStatus.UNAUTHORIZED));
    expect(revoked.body.error).toEqual({ status: 401, code: 'unauthenticated', message: 'the bearer token has been revoked' });
    const keys = answer(new HttpException({ code: ERROR_CODES.serviceUnavailable, message: 'keys unavailable' }, HttpStatus.SERVICE_UNAVAILABLE));
    expect(keys.body.error).toEqual({ status: 503, code: 'service_unavailable', message: 'keys unavailable' });
    const letter = answer(new NotFoundException({ code: ERROR_CODES.notFound, message: 'dead letter x does not exist' }));
    expect(letter.body.error).toEqual({ status: 404, code: 'not_found', message: 'dead letter x does not exist' });
  });

  it('gives a code outside the catalogue no way out: the status decides', () => {
    expect(answer(new HttpException({ code: 'made_up', message: 'no' }, HttpStatus.CONFLICT)).body.error.code).toBe('conflict');
    expect(answer(new HttpException('gone', HttpStatus.GONE)).body.error).toEqual({ status: 410, code: 'http_error', message: 'gone' });
  });

  it('turns an unexpected error into a 500 that tells nothing of its cause', () => {
    const { status, body } = answer(new Error('relation "project" does not exist'));
    expect(status).toBe(500);
    expect(body.error).toEqual({ status: 500, code: 'internal', message: 'internal error' });
  });
});
