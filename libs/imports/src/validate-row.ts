/**
 * class-validator with the HTTP pipe's options, for rows that do not arrive as a request body (imports, merged
 * updates).
 */
import { FieldProblem, toFieldProblems } from '@civic/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

/** The validated instance, or every broken rule with its field path. Unknown fields are refused, as over HTTP. */
export async function validateAs<T extends object>(cls: new () => T, plain: object): Promise<{ value: T; problems: FieldProblem[] }> {
  const value = plainToInstance(cls, plain);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return { value, problems: toFieldProblems(errors) };
}
