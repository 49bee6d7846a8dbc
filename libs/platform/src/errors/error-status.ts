import { ERROR_CODES, type ErrorCode } from '@civic/contracts';

/**
 * The HTTP status of every error code, in one table: the one place where a DomainError becomes HTTP. A code added
 * to ERROR_CODES does not compile until it has its line here.
 */
export const HTTP_STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  [ERROR_CODES.validationFailed]: 400,
  [ERROR_CODES.badRequest]: 400,
  [ERROR_CODES.unauthenticated]: 401,
  [ERROR_CODES.forbidden]: 403,
  [ERROR_CODES.notFound]: 404,
  [ERROR_CODES.methodNotAllowed]: 405,
  [ERROR_CODES.conflict]: 409,
  [ERROR_CODES.payloadTooLarge]: 413,
  [ERROR_CODES.unsupportedMediaType]: 415,
  [ERROR_CODES.unprocessable]: 422,
  [ERROR_CODES.tooManyRequests]: 429,
  [ERROR_CODES.internal]: 500,
  [ERROR_CODES.serviceUnavailable]: 503,
  [ERROR_CODES.httpError]: 500,
  [ERROR_CODES.roundInProgress]: 409,
  [ERROR_CODES.idempotencyKeyReused]: 409,
  [ERROR_CODES.alreadyDecided]: 409,
  [ERROR_CODES.proposalExpired]: 409,
  [ERROR_CODES.notOneUniversity]: 409,
  [ERROR_CODES.teamPartlyAccepted]: 409,
  [ERROR_CODES.mixedHeldTeams]: 422,
  [ERROR_CODES.limitBelowHeld]: 422,
  [ERROR_CODES.roundNotDraft]: 409,
  [ERROR_CODES.roundNotCancellable]: 409,
  [ERROR_CODES.roundNotPublished]: 409,
  [ERROR_CODES.staleRevision]: 409,
  [ERROR_CODES.roundChanged]: 409,
  [ERROR_CODES.editBreaksRule]: 422,
};

/** The status a DomainError of `code` answers with (500 for a code the table does not know, which cannot compile). */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS_OF_CODE[code] ?? 500;
}
