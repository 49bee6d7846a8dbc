/**
 * Every `error.code` an HTTP answer of the services can carry, in one place: clients branch on these, so a code is
 * added here before it is thrown (as a DomainError), with its HTTP status in libs/platform's HTTP_STATUS_OF_CODE. The
 * message beside a code is for people and may change; the code may not.
 */
export const ERROR_CODES = {
  /** 400: a field breaks a rule; `details` name each field and rule. */
  validationFailed: 'validation_failed',
  /** 400 with no field to blame. */
  badRequest: 'bad_request',
  /** 401: no token, a bad one, an expired or a revoked one. */
  unauthenticated: 'unauthenticated',
  /** 403: the caller's role may not do this. */
  forbidden: 'forbidden',
  /** 404: no such resource, or one the caller may not see. */
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  /** 409: the request contradicts the current state (e.g. a duplicate external key). */
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  unprocessable: 'unprocessable',
  /** 429: over the rate limit; Retry-After says when to try again. */
  tooManyRequests: 'too_many_requests',
  /** 500: a fault of the service; the log has the details, the answer none. */
  internal: 'internal',
  /** 503: something the service depends on does not answer (e.g. the identity provider's keys). */
  serviceUnavailable: 'service_unavailable',
  /** Any other HTTP status. */
  httpError: 'http_error',
  /** 409 (matching): a round is live in the scope. */
  roundInProgress: 'round_in_progress',
  /** 409 (matching): an Idempotency-Key repeated with a different request. */
  idempotencyKeyReused: 'idempotency_key_reused',
  /** 409 (matching): the assignment was already accepted, declined or expired otherwise. */
  alreadyDecided: 'already_decided',
  /** 409 (matching): the proposal passed its deadline. */
  proposalExpired: 'proposal_expired',
  /** 409 (matching): a whole-team answer in a round whose teams are not one university's. */
  notOneUniversity: 'not_one_university',
  /** 409 (matching): a project's decline after one of its members accepted (that member keeps the lead). */
  teamPartlyAccepted: 'team_partly_accepted',
  /** 422 (matching): a one-university round over projects where earlier rounds hold teams of several universities. */
  mixedHeldTeams: 'mixed_held_teams',
  /** 422 (matching): a university limit below the projects the university already holds in the scope. */
  limitBelowHeld: 'limit_below_held',
  /** 409 (matching): publishing or editing a round that is not a draft (already published, cancelled, withdrawn, ...). */
  roundNotDraft: 'round_not_draft',
  /** 409 (matching): cancelling a round that is neither running nor a draft. */
  roundNotCancellable: 'round_not_cancellable',
  /** 409 (matching): withdrawing a round that is not published (status completed, not a dry run). */
  roundNotPublished: 'round_not_published',
  /** 409 (matching): a request made against an older revision of the round (another change came first). */
  staleRevision: 'stale_revision',
  /** 409 (matching): publishing a draft after something it relies on changed; `details` say what. */
  roundChanged: 'round_changed',
  /** 422 (matching): a draft edit that breaks a hard rule (capacity, team maximum, discipline cap, team policy). */
  editBreaksRule: 'edit_breaks_rule',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

const ALL_CODES: ReadonlySet<string> = new Set(Object.values(ERROR_CODES));

/** Whether `code` is in the catalogue. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && ALL_CODES.has(code);
}

/** The code of an HTTP status that has no more specific one. */
export function errorCodeOfStatus(status: number): ErrorCode {
  return STATUS_CODES[status] ?? ERROR_CODES.httpError;
}

const STATUS_CODES: Readonly<Record<number, ErrorCode>> = {
  400: ERROR_CODES.badRequest,
  401: ERROR_CODES.unauthenticated,
  403: ERROR_CODES.forbidden,
  404: ERROR_CODES.notFound,
  405: ERROR_CODES.methodNotAllowed,
  409: ERROR_CODES.conflict,
  413: ERROR_CODES.payloadTooLarge,
  415: ERROR_CODES.unsupportedMediaType,
  422: ERROR_CODES.unprocessable,
  429: ERROR_CODES.tooManyRequests,
  500: ERROR_CODES.internal,
  503: ERROR_CODES.serviceUnavailable,
};
