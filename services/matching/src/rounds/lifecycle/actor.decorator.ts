import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '@civic/auth';

/** Who is acting: the token's subject (the audit's "who"); `unknown` only if a route ran without the guard. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return req.principal?.subject ?? 'unknown';
});
