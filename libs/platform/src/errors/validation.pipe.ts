import { ValidationPipe } from '@nestjs/common';
import { DomainError } from '@civic/contracts';
import { toFieldProblems } from './api-error';

/** Whitelisting validation: unknown fields are refused, and every problem names its field and rule. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => DomainError.invalidFields(toFieldProblems(errors)),
  });
}
