import { HttpException, HttpStatus } from '@nestjs/common';
import { ERROR_CODES, type ErrorCode, type FieldProblem } from '@civic/contracts';
import { ValidationError } from 'class-validator';

export type { FieldProblem } from '@civic/contracts';

/** The single JSON shape of every HTTP error the services return. */
export interface ApiErrorBody {
  error: {
    status: number;
    code: ErrorCode;
    message: string;
    details?: FieldProblem[];
  };
  correlationId: string;
}

/**
 * An HTTP error with a stable machine-readable code (from ERROR_CODES) and optional per-field problems. Application
 * services throw a DomainError instead (the HTTP edge gives it its status); this remains for matching until it adopts
 * DomainError.
 */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message, status);
  }

  static badRequest(message: string, details?: FieldProblem[]): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, ERROR_CODES.validationFailed, message, details);
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, ERROR_CODES.notFound, `${what} ${id} does not exist`);
  }

  static conflict(message: string, details?: FieldProblem[]): ApiError {
    return new ApiError(HttpStatus.CONFLICT, ERROR_CODES.conflict, message, details);
  }
}

/** Flattens class-validator's nested errors into field paths such as `slots.teacher.min`. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) out.push({ field, rule, message });
    if (e.children?.length) out.push(...toFieldProblems(e.children, field));
  }
  return out;
}
