import { ValidationPipe } from '@nestjs/common';
import { ApiError, toFieldProblems } from './api-error';

/** Whitelisting validation: unknown fields are refused, and every problem names its field and rule. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const details = toFieldProblems(errors);
      return ApiError.badRequest(details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
    },
  });
}
