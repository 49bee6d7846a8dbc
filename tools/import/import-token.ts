import { DEVELOPMENT_AUTH, signDevelopmentToken } from '@civic/auth';

/**
 * The bearer token the import sends: the one given (--token, else CIVIC_TOKEN); outside production, without one, a
 * development administrator's token signed like `npm run token -- --role admin`, with the settings the services read
 * (AUTH_HS256_SECRET, AUTH_ISSUER, AUTH_AUDIENCE). Production accepts only its identity provider's tokens: there a
 * token must be given.
 */
export async function importToken(given: string | undefined, env: NodeJS.ProcessEnv): Promise<{ token: string } | { error: string }> {
  const token = given ?? (env.CIVIC_TOKEN || undefined);
  if (token) return { token };
  if (env.NODE_ENV === 'production') return { error: 'a bearer token is required in production: pass --token or set CIVIC_TOKEN (an administrator\'s, from the identity provider)' };
  return {
    token: await signDevelopmentToken({
      role: 'admin',
      subject: 'dev-import',
      ttlSeconds: 3600,
      secret: env.AUTH_HS256_SECRET || DEVELOPMENT_AUTH.secret,
      issuer: env.AUTH_ISSUER || DEVELOPMENT_AUTH.issuer,
      audience: env.AUTH_AUDIENCE || DEVELOPMENT_AUTH.audience,
    }),
  };
}
