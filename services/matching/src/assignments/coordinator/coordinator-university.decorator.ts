import { createParamDecorator, ExecutionContext, HttpStatus } from '@nestjs/common';
import { isKnownUniversity } from '@civic/catalogue';
import { ApiError } from '@civic/platform';
import type { Request } from 'express';

/** What an authentication guard will attach to the request once coordinators sign in (a later issue). */
export interface CoordinatorClaim {
  universityId: string;
}

/**
 * The university whose people the caller coordinates. For now the path names it (`/universities/:universityId/...`);
 * when a guard attaches `request.coordinator` from a token, that claim wins and a different path is refused, with
 * no change to the handlers.
 */
export const CoordinatorUniversity = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<Request & { coordinator?: CoordinatorClaim }>();
  const fromPath = String(req.params.universityId ?? '');
  const claimed = req.coordinator?.universityId;
  if (claimed && fromPath && claimed !== fromPath) {
    throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', `you coordinate ${claimed}, not ${fromPath}`);
  }
  const universityId = claimed ?? fromPath;
  if (!universityId || !isKnownUniversity(universityId)) throw ApiError.notFound('university', String(universityId));
  return universityId;
});
