/**
 * `npm run token -- --role admin|coordinator|service [--university ID] [--ttl 1h]`: prints a development token the
 * services accept outside production (HS256, the same secret, issuer and audience as their config). Production
 * services accept only RS256 tokens from the identity provider: this tool refuses to run with NODE_ENV=production.
 */
import { DEVELOPMENT_AUTH, signDevelopmentToken } from '@civic/auth';
import { parseTokenArgs, TOKEN_USAGE } from './token-args';

/** Runs the command; resolves with the exit status. */
export async function runToken(argv: readonly string[], env: NodeJS.ProcessEnv, io: { out(s: string): void; err(s: string): void }): Promise<number> {
  const parsed = parseTokenArgs(argv);
  if ('help' in parsed) {
    io.out(TOKEN_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.err(`token: ${parsed.error}`);
    io.err(TOKEN_USAGE);
    return 2;
  }
  if (env.NODE_ENV === 'production') {
    io.err('token: refusing to sign a development token with NODE_ENV=production (production accepts RS256 tokens from the identity provider only)');
    return 2;
  }
  const secret = env.AUTH_HS256_SECRET || DEVELOPMENT_AUTH.secret;
  if (secret.length < 32) {
    io.err('token: AUTH_HS256_SECRET must have at least 32 characters');
    return 2;
  }
  const token = await signDevelopmentToken({
    role: parsed.role,
    universityId: parsed.university,
    ttlSeconds: parsed.ttlSeconds,
    subject: parsed.subject,
    secret,
    issuer: env.AUTH_ISSUER || DEVELOPMENT_AUTH.issuer,
    audience: env.AUTH_AUDIENCE || DEVELOPMENT_AUTH.audience,
  });
  io.out(token);
  return 0;
}

if (require.main === module) {
  void runToken(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  }).then((code) => (process.exitCode = code));
}
