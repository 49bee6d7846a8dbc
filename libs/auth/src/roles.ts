/** The three ways in. There is no other: a token naming any other role is refused. */
export const ROLES = ['admin', 'coordinator', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** True when `value` is one of the three roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling, as a verified token says. */
export interface Principal {
  /** The token's `sub`: a person or a system, as the identity provider names it. */
  subject: string;
  role: Role;
  /** The university a coordinator is bound to (the `university` claim); absent for other roles. */
  universityId?: string;
  /** The token's `jti`, when it has one: lets an audit entry name the credential used. */
  tokenId?: string;
  /** The token's `exp` (seconds since the epoch), when it has one: long-lived responses end there. */
  expiresAt?: number;
  /** The token's `iat` (seconds since the epoch), when it has one: a subject's revocation covers tokens issued up to it. */
  issuedAt?: number;
}

/** The claims a Civic Match token carries beside the registered ones (iss, aud, sub, exp, iat, jti). */
export const ROLE_CLAIM = 'role';
export const UNIVERSITY_CLAIM = 'university';
