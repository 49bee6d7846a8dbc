import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { isKnownUniversity } from '@civic/catalogue';
import { DomainError } from '@civic/contracts';
import type { Request } from 'express';

/** What the authorization guard (@civic/auth) attaches to a coordinator's request, from the token's claim. */
export interface CoordinatorClaim {
  universityId: string;
}

/**
 * The university whose people the caller coordinates: the token's claim (`request.coordinator`, set by the guard)
 * for a coordinator, the path's `universityId` for an administrator. The guard already answers 404 when a
 * coordinator names another university; this check repeats it so a handler can never act on another one's people.
 */
export const CoordinatorUniversity = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<Request & { coordinator?: CoordinatorClaim }>();
  const fromPath = String(req.params.universityId ?? '');
  const claimed = req.coordinator?.universityId;
  if (claimed && fromPath && claimed !== fromPath) {
    throw DomainError.notFound('university', fromPath);
  }
  const universityId = claimed ?? fromPath;
  if (!universityId || !isKnownUniversity(universityId)) throw DomainError.notFound('university', String(universityId));
  return universityId;
});
