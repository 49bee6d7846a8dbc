import type { ErrorCode, FieldProblem } from '@civic/contracts';
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
