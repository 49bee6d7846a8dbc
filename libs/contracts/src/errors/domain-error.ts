import { ERROR_CODES, type ErrorCode } from './error-codes';

/** One broken rule on one field of a request. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * What an application service throws when a request cannot be carried out: a code from ERROR_CODES, a message for
 * people and, for bad input, the fields and rules it breaks. It knows nothing of HTTP: the HTTP edge
 * (libs/platform's ApiExceptionFilter) gives each code its status from one table.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** Bad input (validation_failed): `details` name each field and the rule it breaks. */
  static invalid(message: string, details?: FieldProblem[]): DomainError {
    return new DomainError(ERROR_CODES.validationFailed, message, details);
  }

  /** Bad input whose message is the list of its problems (`field: message; ...`). */
  static invalidFields(details: FieldProblem[]): DomainError {
    return DomainError.invalid(details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  }

  /** No such resource (or one the caller may not see). */
  static notFound(what: string, id: string): DomainError {
    return new DomainError(ERROR_CODES.notFound, `${what} ${id} does not exist`);
  }

  /** The request contradicts the current state. */
  static conflict(message: string, details?: FieldProblem[]): DomainError {
    return new DomainError(ERROR_CODES.conflict, message, details);
  }
}
